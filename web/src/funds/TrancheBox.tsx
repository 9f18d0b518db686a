/** A ministerial tranche (art. 89 c. 1 DL 34/2020): whether it can be asked, and which districts hold it back. */
import { Alert } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { formatCents } from '../format.ts';
import { useEndpoint } from '../query.ts';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { getTranche, type ComplianceDistrict } from '../../../src/contract/funds.ts';
import { formatRatio } from './util.ts';

export function TrancheBox({ fund, year, title, districts, names, blockers }: { fund: string; year: number; title: string; districts?: ComplianceDistrict[]; names: Map<string, string>; blockers: boolean }) {
  const t = useT();
  const { data, error, loading } = useEndpoint(getTranche, { params: { fund, year } });
  const holding = (districts ?? []).filter((d) => d.residual > 0).sort((a, b) => b.residual - a.residual || a.district.localeCompare(b.district));
  return (
    <section className={`card card-bg shadow-sm h-100 funds-tranche ${data ? (data.eligible ? 'border-success' : 'border-danger') : ''}`} aria-labelledby={`tranche-${year}`}>
      <div className="card-body">
        <h3 id={`tranche-${year}`} className="h5">
          {title}
        </h3>
        {loading && <Loading />}
        <ErrorAlert error={error} />
        {data && (
          <>
            <p className="small">{t('funds.tranche.rule', { year: data.year, gating: data.gatingAnnuality, threshold: formatRatio(data.threshold) })}</p>
            {data.allocated === 0 ? (
              <Alert fade={false} color="info" className="mb-3">
                {t('funds.tranche.notRecorded', { year: data.year, gating: data.gatingAnnuality })}
              </Alert>
            ) : data.eligible ? (
              <Alert fade={false} color="success" className="mb-3">
                {t('funds.tranche.eligible', { year: data.year, gating: data.gatingAnnuality, ratio: formatRatio(data.ratio) })}
              </Alert>
            ) : (
              <Alert fade={false} color="danger" className="mb-3 tranche-blocked">
                {t('funds.tranche.blocked', { year: data.year, gating: data.gatingAnnuality, ratio: formatRatio(data.ratio), missing: formatCents(data.missingToThreshold) })}
              </Alert>
            )}
            <dl className="row small mb-2">
              <dt className="col-7">{t('funds.tranche.allocated', { gating: data.gatingAnnuality })}</dt>
              <dd className="col-5 text-end">{formatCents(data.allocated)}</dd>
              <dt className="col-7">{t('funds.tranche.recognised')}</dt>
              <dd className="col-5 text-end">{formatCents(data.recognised)}</dd>
              <dt className="col-7">{t('funds.tranche.missing')}</dt>
              <dd className="col-5 text-end">{formatCents(data.missingToThreshold)}</dd>
              <dt className="col-7">{t('funds.tranche.previous', { previous: data.previousAnnuality })}</dt>
              <dd className="col-5 text-end">{formatCents(data.previousMissing)}</dd>
            </dl>
            {data.previousMissing > 0 && <p className="small text-danger mb-2">{t('funds.tranche.previousNote', { previous: data.previousAnnuality, amount: formatCents(data.previousMissing) })}</p>}
            {blockers && holding.length > 0 && !data.eligible && (
              <>
                <h4 className="h6 mt-3">{t('funds.tranche.holdersTitle', { gating: data.gatingAnnuality })}</h4>
                <ol className="small mb-0 tranche-holders">
                  {holding.slice(0, 5).map((d) => (
                    <li key={d.district}>
                      {t('funds.tranche.holder', { district: d.district, name: names.get(d.district) ?? '', residual: formatCents(d.residual), progress: formatRatio(d.progress) })}
                    </li>
                  ))}
                </ol>
                {holding.length > 5 && <p className="small mt-1 mb-0">{t('funds.tranche.holdersMore', { count: holding.length - 5 })}</p>}
              </>
            )}
          </>
        )}
      </div>
    </section>
  );
}
