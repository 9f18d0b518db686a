/**
 * `/fondi/:fund/:annuality`: where the money of a fund annuality is, step by step
 * (allocated → programmed → assigned → disbursed → reported → recognised), per district,
 * and what blocks the ministry's next tranches (art. 89 c. 1 DL 34/2020) before it blocks.
 */
import { useState } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { actRefLabel } from '../i18n/labels.ts';
import { formatCents, formatDate } from '../format.ts';
import { Link } from '../router.tsx';
import { useEndpoint } from '../query.ts';
import { pathOf } from '../api.ts';
import { useSession } from '../session.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { exportSioss, getCompliance } from '../../../src/contract/funds.ts';
import { getAnnuality } from '../../../src/contract/fund-programming.ts';
import { useDistrictNames } from './hooks.ts';
import { canManageFunds, fractionToPercent } from './util.ts';
import { DistrictChart } from './DistrictChart.tsx';
import { AssignForm } from './AssignForm.tsx';
import { DisburseForm } from './DisburseForm.tsx';
import { GatingForm } from './GatingForm.tsx';
import { ProgrammeLineForm } from './ProgrammeLineForm.tsx';
import { TransmissionForm } from './TransmissionForm.tsx';
import { FundChain } from './FundChain.tsx';
import { TrancheBox } from './TrancheBox.tsx';
import { DistrictTable } from './DistrictTable.tsx';
import { exportCompliance } from '../../../src/contract/exports.ts';
import { ExportLink } from '../components/ExportLink.tsx';

type Action = 'programme' | 'assign' | 'disburse' | 'transmission' | 'gating' | null;

export function DashboardPage({ fund, annuality }: { fund: string; annuality: number }) {
  const t = useT();
  const { user } = useSession();
  const manager = canManageFunds(user);
  const names = useDistrictNames();
  const detail = useEndpoint(getAnnuality, { params: { fund, annuality } });
  const compliance = useEndpoint(getCompliance, { params: { fund, annuality } });
  const [action, setAction] = useState<Action>(null);
  const [assignLine, setAssignLine] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<string | null>(null);

  const title = detail.data ? t('funds.dashboard.title', { fund: detail.data.fundName, code: fund, annuality }) : t('funds.dashboard.titleShort', { fund, annuality });
  const districts = compliance.data?.districts.map((d) => d.district) ?? [];

  const open = (next: Action, line?: string) => {
    setDone(null);
    setAssignLine(line);
    setAction(next);
    window.setTimeout(() => {
      const form = document.getElementById(`${next === 'programme' ? 'programme' : next}-form`);
      form?.scrollIntoView({ block: 'start' });
      (form?.querySelector('input, select') as HTMLElement | null)?.focus();
    }, 0);
  };
  const finished = (message: string) => {
    setAction(null);
    setDone(message);
    window.setTimeout(() => document.getElementById('funds-done')?.focus(), 0);
  };
  const formProps = { districts, names, onDone: finished, onCancel: () => setAction(null) };

  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/fondi">{t('funds.list.title')}</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {fund} {annuality}
          </li>
        </ol>
      </nav>
      <PageHeading title={title} />
      <div className="mb-3">
        <ExportLink endpoint={exportCompliance} input={{ params: { fund, annuality } }} what={title} />
      </div>
      <ErrorAlert error={detail.error} />
      {detail.loading && <Loading />}
      {detail.data && (
        <p className="lead">
          {t('funds.dashboard.decree', { act: actRefLabel(t, detail.data.act), amount: formatCents(detail.data.allocated) })}{' '}
          {detail.data.transmission
            ? t('funds.dashboard.transmitted', { date: formatDate(detail.data.transmission.transmittedOn), protocol: detail.data.transmission.protocol })
            : t('funds.dashboard.notTransmitted')}
        </p>
      )}
      {done && (
        <div id="funds-done" tabIndex={-1}>
          <Alert fade={false} color="success" role="status">
            {done}
          </Alert>
        </div>
      )}
      <ErrorAlert error={compliance.error} />
      {compliance.loading && !compliance.data && <Loading />}
      {compliance.data && <FundChain c={compliance.data} />}

      {detail.data && (
        <p id="gating-rule">
          {detail.data.gating.kind === 'none'
            ? t('funds.gating.none', { annuality })
            : t('funds.gating.share', { annuality, earlier: annuality - detail.data.gating.lag, threshold: fractionToPercent(detail.data.gating.threshold) })}{' '}
          {detail.data.gatingAct ? t('funds.gating.setBy', { act: actRefLabel(t, detail.data.gatingAct) }) : t('funds.gating.default')}
        </p>
      )}

      {detail.data?.rule75 && (
        <section aria-labelledby="tranches-title" className="mb-4">
          <h2 id="tranches-title" className="h3">
            {t('funds.tranche.title')}
          </h2>
          <p>{t('funds.tranche.intro')}</p>
          <div className="row g-3">
            <div className="col-lg-6">
              <TrancheBox fund={fund} year={annuality + 2} title={t('funds.tranche.nextTitle', { year: annuality + 2, annuality })} districts={compliance.data?.districts} names={names} blockers />
            </div>
            <div className="col-lg-6">
              <TrancheBox fund={fund} year={annuality} title={t('funds.tranche.ownTitle', { year: annuality, gating: annuality - 2 })} names={names} blockers={false} />
            </div>
          </div>
        </section>
      )}

      {manager && detail.data && (
        <section aria-labelledby="actions-title" className="mb-4">
          <h2 id="actions-title" className="h3">
            {t('funds.actions.title')}
          </h2>
          <div className="d-flex flex-wrap gap-2 mb-3">
            <Button color="primary" onClick={() => open('programme')} aria-expanded={action === 'programme'} aria-controls="programme-form">
              {t('funds.actions.programme')}
            </Button>
            <Button color="primary" onClick={() => open('assign')} aria-expanded={action === 'assign'} aria-controls="assign-form">
              {t('funds.actions.assign')}
            </Button>
            <Button color="primary" onClick={() => open('disburse')} aria-expanded={action === 'disburse'} aria-controls="disburse-form">
              {t('funds.actions.disburse')}
            </Button>
            <Button color="primary" outline onClick={() => open('transmission')} aria-expanded={action === 'transmission'} aria-controls="transmission-form">
              {t('funds.actions.transmission')}
            </Button>
            <Button color="primary" outline onClick={() => open('gating')} aria-expanded={action === 'gating'} aria-controls="gating-form">
              {t('funds.actions.gating')}
            </Button>
            <Link to={`/fondi/${encodeURIComponent(fund)}/${annuality}/verifica`} className="btn btn-outline-primary">
              {t('funds.actions.verify')}
            </Link>
          </div>
          {action === 'programme' && <ProgrammeLineForm detail={detail.data} {...formProps} />}
          {action === 'assign' && <AssignForm key={assignLine ?? ''} detail={detail.data} initialLine={assignLine} {...formProps} />}
          {action === 'disburse' && <DisburseForm detail={detail.data} {...formProps} />}
          {action === 'transmission' && <TransmissionForm detail={detail.data} {...formProps} />}
          {action === 'gating' && <GatingForm detail={detail.data} {...formProps} />}
        </section>
      )}

      {detail.data && (
        <section aria-labelledby="lines-title" className="mb-4">
          <h2 id="lines-title" className="h3">
            {t('funds.lines.title')}
          </h2>
          {detail.data.lines.length === 0 ? (
            <EmptyState text={t('funds.lines.empty')} />
          ) : (
            <div className="table-responsive">
              <table className="table caption-top table-sm funds-lines">
                <caption>{t('funds.lines.caption', { fund, annuality })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('funds.lines.code')}</th>
                    <th scope="col">{t('funds.lines.description')}</th>
                    <th scope="col" className="text-end">{t('funds.lines.amount')}</th>
                    <th scope="col" className="text-end">{t('funds.lines.assigned')}</th>
                    <th scope="col" className="text-end">{t('funds.lines.available')}</th>
                    {manager && <th scope="col">{t('funds.col.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {detail.data.lines.map((l) => (
                    <tr key={l.code}>
                      <th scope="row">{l.code}</th>
                      <td>{l.description}</td>
                      <td className="text-end">{formatCents(l.amount)}</td>
                      <td className="text-end">{formatCents(l.assigned)}</td>
                      <td className="text-end">{formatCents(l.amount - l.assigned)}</td>
                      {manager && (
                        <td>
                          {l.amount > l.assigned && (
                            <Button color="primary" outline size="xs" onClick={() => open('assign', l.code)}>
                              {t('funds.lines.assign')}
                              <span className="visually-hidden"> {l.code}</span>
                            </Button>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      {compliance.data && (
        <section aria-labelledby="districts-title" className="mb-4">
          <h2 id="districts-title" className="h3">
            {t('funds.dashboard.districtsTitle')}
          </h2>
          {compliance.data.districts.some((d) => d.assigned > 0) && <DistrictChart districts={compliance.data.districts} tableId="funds-districts-table" />}
          <DistrictTable c={compliance.data} names={names} id="funds-districts-table" />
        </section>
      )}

      <section aria-labelledby="sioss-title" className="mb-4">
        <h2 id="sioss-title" className="h3">
          {t('funds.sioss.title')}
        </h2>
        <p>{t('funds.sioss.intro')}</p>
        <ul className="list-inline">
          <li className="list-inline-item">
            <a className="btn btn-outline-primary btn-sm" href={`${pathOf(exportSioss.url, { fund, annuality })}?format=csv`} download>
              {t('funds.sioss.csv', { fund, annuality })}
            </a>
          </li>
          <li className="list-inline-item">
            <a className="btn btn-outline-primary btn-sm" href={`${pathOf(exportSioss.url, { fund, annuality })}?format=xlsx`} download>
              {t('funds.sioss.xlsx', { fund, annuality })}
            </a>
          </li>
        </ul>
      </section>
    </>
  );
}
