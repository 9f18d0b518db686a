/**
 * `/distretti/:code/fondi`: what a district holds and owes per fund and annuality
 * (assigned, disbursed, reported, recognised, residual, still to disburse), and its reports.
 * `/mio-distretto` leads a district officer to its first district.
 */
import { useEffect } from 'react';
import { Alert } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { ApiError } from '../api.ts';
import { formatCents } from '../format.ts';
import { Link, navigate } from '../router.tsx';
import { useEndpoint } from '../query.ts';
import { getDistrict } from '../../../src/contract/registry.ts';
import { getDistrictFunds } from '../../../src/contract/fund-reporting.ts';
import { romeDate, yearOf } from '../../../src/domain/dates.ts';
import type { User } from '../types.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { NotAllowed } from '../start/Messages.tsx';
import { formatShare } from './util.ts';

export function MyDistrict({ user }: { user: User }) {
  const t = useT();
  const first = user.districts[0];
  useEffect(() => {
    if (first) navigate(`/distretti/${encodeURIComponent(first)}/fondi`, { replace: true });
  }, [first]);
  if (first) return <Loading />;
  return (
    <>
      <PageHeading title={t('funds.nav.myDistrict')} />
      <EmptyState text={t('funds.district.noneAssigned')} />
    </>
  );
}

/** The API refused (403): the server's Italian reason under the usual not-allowed page. */
export function Forbidden({ user, error }: { user: User; error: ApiError }) {
  return (
    <>
      <NotAllowed user={user} />
      {error.detail && (
        <Alert fade={false} color="warning" className="mt-3 forbidden-detail">
          {error.detail}
        </Alert>
      )}
    </>
  );
}

export const isForbidden = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 403;

/** Report years worth offering: the current one and the three before (expenses paid in E are reported by 31 March E+1). */
export const reportYears = (): number[] => {
  const now = yearOf(romeDate(new Date()));
  return [now, now - 1, now - 2, now - 3];
};

export function DistrictFundsPage({ code, user }: { code: string; user: User }) {
  const t = useT();
  const funds = useEndpoint(getDistrictFunds, { params: { code } });
  const district = useEndpoint(getDistrict, { params: { code } });
  if (isForbidden(funds.error)) return <Forbidden user={user} error={funds.error} />;
  const name = district.data?.name ?? code;
  const rows = funds.data ?? [];

  return (
    <>
      <PageHeading title={t('funds.district.title', { name })} />
      <p className="lead">{t('funds.district.intro')}</p>
      <section aria-labelledby="reports-title" className="mb-4">
        <h2 id="reports-title" className="h3">
          {t('funds.district.reportsTitle')}
        </h2>
        <p>{t('funds.district.reportsIntro')}</p>
        <ul className="list-inline">
          {reportYears().map((year) => (
            <li key={year} className="list-inline-item mb-2">
              <Link className="btn btn-outline-primary btn-sm" to={`/distretti/${encodeURIComponent(code)}/rendiconti/${year}`}>
                {t('funds.district.reportLink', { year })}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="holdings-title">
        <h2 id="holdings-title" className="h3">
          {t('funds.district.holdingsTitle')}
        </h2>
        <ErrorAlert error={funds.error} />
        {funds.loading && <Loading />}
        {!funds.loading && funds.data && rows.length === 0 && <EmptyState text={t('funds.district.empty')} />}
        {rows.length > 0 && (
          <div className="table-responsive">
            <table className="table caption-top table-sm table-hover district-funds">
              <caption>{t('funds.district.caption', { code })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('funds.col.fund')}</th>
                  <th scope="col">{t('funds.col.annuality')}</th>
                  <th scope="col" className="text-end">{t('funds.chain.assigned')}</th>
                  <th scope="col" className="text-end">{t('funds.chain.disbursed')}</th>
                  <th scope="col" className="text-end">{t('funds.col.toDisburse')}</th>
                  <th scope="col" className="text-end">{t('funds.chain.reported')}</th>
                  <th scope="col" className="text-end">{t('funds.chain.recognised')}</th>
                  <th scope="col" className="text-end">{t('funds.col.residual')}</th>
                  <th scope="col" className="text-end">{t('funds.col.progress')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.fund}-${r.annuality}`}>
                    <th scope="row">
                      <abbr title={r.fundName}>{r.fund}</abbr>
                    </th>
                    <td>{r.annuality}</td>
                    <td className="text-end">{formatCents(r.assigned)}</td>
                    <td className="text-end">{formatCents(r.disbursed)}</td>
                    <td className="text-end">{formatCents(r.toDisburse)}</td>
                    <td className="text-end">{formatCents(r.reported)}</td>
                    <td className="text-end">{formatCents(r.recognised)}</td>
                    <td className={`text-end${r.residual > 0 ? ' fw-semibold' : ''}`}>{formatCents(r.residual)}</td>
                    <td className="text-end">{formatShare(r.recognised, r.assigned)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    {t('funds.dashboard.total')}
                  </th>
                  <td className="text-end fw-bold">{formatCents(rows.reduce((s, r) => s + r.assigned, 0))}</td>
                  <td className="text-end fw-bold">{formatCents(rows.reduce((s, r) => s + r.disbursed, 0))}</td>
                  <td className="text-end fw-bold">{formatCents(rows.reduce((s, r) => s + r.toDisburse, 0))}</td>
                  <td className="text-end fw-bold">{formatCents(rows.reduce((s, r) => s + r.reported, 0))}</td>
                  <td className="text-end fw-bold">{formatCents(rows.reduce((s, r) => s + r.recognised, 0))}</td>
                  <td className="text-end fw-bold">{formatCents(rows.reduce((s, r) => s + r.residual, 0))}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
