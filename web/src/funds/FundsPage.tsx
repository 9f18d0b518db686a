/** `/fondi`: the funds and their annualities, each opening its dashboard. */
import { useT } from '../i18n/i18n.tsx';
import { formatCents } from '../format.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { useFunds } from './hooks.ts';
import { canManageFunds } from './util.ts';

export function FundsPage() {
  const t = useT();
  const { user } = useSession();
  const { data, error, loading } = useFunds();
  const manager = canManageFunds(user);
  return (
    <>
      <PageHeading title={t('funds.list.title')} />
      <p className="lead">{t('funds.list.intro')}</p>
      {manager && (
        <div className="d-flex flex-wrap gap-2 mb-4">
          <Link to="/fondi/nuovo" className="btn btn-primary">
            {t('funds.list.newAnnuality')}
          </Link>
          <Link to="/importazioni" className="btn btn-outline-primary">
            {t('funds.list.import')}
          </Link>
        </div>
      )}
      <ErrorAlert error={error} />
      {loading && <Loading />}
      {!loading && data && data.length === 0 && <EmptyState text={t('funds.list.empty')} />}
      {!loading &&
        data &&
        data.map((fund) => (
          <section key={fund.code} className="mb-5" aria-labelledby={`fund-${fund.code}`}>
            <h2 id={`fund-${fund.code}`} className="h3">
              {fund.name} <span className="text-muted fs-5">({fund.code})</span>
            </h2>
            <p className="small mb-2">
              {t(fund.source === 'regional' ? 'funds.source.regional' : 'funds.source.national')}
              {fund.rule75 && <> · {t('funds.list.rule75')}</>}
            </p>
            {fund.annualities.length === 0 ? (
              <EmptyState text={t('funds.list.noAnnualities')} />
            ) : (
              <div className="table-responsive">
                <table className="table caption-top table-hover">
                  <caption>{t('funds.list.caption', { fund: fund.code })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('funds.col.annuality')}</th>
                      <th scope="col" className="text-end">
                        {t('funds.col.allocated')}
                      </th>
                      <th scope="col">{t('funds.col.open')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...fund.annualities]
                      .sort((a, b) => b.annuality - a.annuality)
                      .map((a) => (
                        <tr key={a.annuality}>
                          <th scope="row">{a.annuality}</th>
                          <td className="text-end">{formatCents(a.allocated)}</td>
                          <td>
                            <Link to={`/fondi/${encodeURIComponent(fund.code)}/${a.annuality}`}>
                              {t('funds.list.openDashboard', { fund: fund.code, annuality: a.annuality })}
                            </Link>
                          </td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        ))}
    </>
  );
}
