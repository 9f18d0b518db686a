import { useT } from '../i18n/i18n.tsx';
import { formatDateTime } from '../format.ts';
import { Link } from '../router.tsx';
import { useEndpoint } from '../query.ts';
import { listPlans } from '../../../src/contract/performance/plans.ts';
import { useSession } from '../session.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { canManagePerformance } from './permissions.ts';
import { PlanImport } from './PlanImport.tsx';
import { NewPlanForm } from './Authoring.tsx';
import { PlanStatusBadge } from './PlanStatusBadge.tsx';

export function PlansPage() {
  const t = useT();
  const { user } = useSession();
  const { data, error, loading } = useEndpoint(listPlans, {});
  return (
    <>
      <PageHeading title={t('perf.plans.title')} />
      <p className="lead">{t('perf.plans.intro')}</p>
      {canManagePerformance(user) && <NewPlanForm />}
      {canManagePerformance(user) && <PlanImport />}
      <ErrorAlert error={error} />
      {loading && !data && <Loading />}
      {data && data.length === 0 && <EmptyState text={t('perf.plans.empty')} />}
      {data && data.length > 0 && (
        <div className="table-responsive">
          <table className="table caption-top perf-table">
            <caption>{t('perf.plans.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('perf.plans.colPlan')}</th>
                <th scope="col">{t('perf.plans.colBody')}</th>
                <th scope="col">{t('perf.plans.colPeriod')}</th>
                <th scope="col">{t('perf.plans.colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((plan) => (
                <tr key={plan.id}>
                  <th scope="row">
                    <Link to={`/performance/${plan.id}`}>{t('perf.plans.planLink', { year: plan.year, body: plan.body })}</Link>
                  </th>
                  <td>{plan.body}</td>
                  <td>{t('perf.period', { from: plan.period.from, to: plan.period.to })}</td>
                  <td>
                    <PlanStatusBadge status={plan.status} />
                    {plan.validation && (
                      <div className="small text-muted mt-1">
                        {t('perf.validation.byAt', { by: plan.validation.by, at: formatDateTime(plan.validation.at) })}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
