import { useState } from 'react';
import { Alert, Breadcrumb, BreadcrumbItem, Icon } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { pathOf } from '../api.ts';
import { useEndpoint } from '../query.ts';
import { getPlan, type Plan } from '../../../src/contract/performance/readouts.ts';
import { exportPlanJson, exportPlanXlsx } from '../../../src/contract/performance/plans.ts';
import { reportDocx, reportPdf } from '../../../src/contract/performance/reports.ts';
import { planIdOf } from './plan-id.ts';
import { ApiError } from '../api.ts';
import { useSession } from '../session.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { canAuthor, canValidate } from './permissions.ts';
import { AddCentreForm, AddObjectiveForm, ScoringForm } from './Authoring.tsx';
import { ScoreText, StatusBadge } from './labels.tsx';
import { PlanStatusBadge } from './PlanStatusBadge.tsx';
import { ProgressChart } from './ProgressChart.tsx';
import { ValidationForm } from './ValidationForm.tsx';
import { ValidatedNotice } from './ValidatedNotice.tsx';

export const planTitle = (t: ReturnType<typeof useT>, plan: Pick<Plan, 'year' | 'body'>) => t('perf.plan.title', { year: plan.year, body: plan.body });

function Downloads({ plan }: { plan: Plan }) {
  const t = useT();
  const params = { id: plan.id };
  const links = [
    { href: pathOf(reportDocx.url, params), label: t('perf.download.docx'), icon: 'it-file' },
    { href: pathOf(reportPdf.url, params), label: t('perf.download.pdf'), icon: 'it-file' },
    { href: pathOf(exportPlanJson.url, params), label: t('perf.download.json'), icon: 'it-download' },
    { href: pathOf(exportPlanXlsx.url, params), label: t('perf.download.xlsx'), icon: 'it-download' },
  ];
  return (
    <section aria-labelledby="perf-downloads-title" className="my-4">
      <h2 id="perf-downloads-title" className="h3">
        {t('perf.download.title')}
      </h2>
      <div className="perf-downloads">
        {links.map((l) => (
          <a key={l.href} href={l.href} download className="btn btn-outline-primary btn-icon">
            <Icon icon={l.icon} color="primary" size="sm" aria-hidden="true" />
            <span className="ms-1">{l.label}</span>
          </a>
        ))}
      </div>
    </section>
  );
}

export function PlanPage({ id }: { id: string }) {
  const t = useT();
  const { user } = useSession();
  const planId = planIdOf(id);
  const { data: plan, error, loading } = useEndpoint(getPlan, planId === null ? null : { params: { id: planId } });
  const [justValidated, setJustValidated] = useState(false);
  const notFound = planId === null || (error instanceof ApiError && error.status === 404);
  const author = plan ? canAuthor(user, plan.status) : false;

  return (
    <>
      <Breadcrumb aria-label={t('common.breadcrumb')}>
        <BreadcrumbItem>
          <Link to="/performance">{t('nav.performance')}</Link>
          <span className="separator">/</span>
        </BreadcrumbItem>
        <BreadcrumbItem active aria-current="page">
          {plan ? t('perf.plan.crumb', { year: plan.year }) : id}
        </BreadcrumbItem>
      </Breadcrumb>
      {loading && !plan && <Loading />}
      {notFound && <PageHeading title={t('perf.plan.notFound')} />}
      <ErrorAlert error={error} />
      {plan && (
        <>
          <PageHeading title={planTitle(t, plan)} />
          <div className="d-flex flex-wrap align-items-center gap-3 mb-3">
            <PlanStatusBadge status={plan.status} />
            <span>{t('perf.period.long', { from: plan.period.from, to: plan.period.to })}</span>
            <span>
              {t('perf.plan.overall')} <ScoreText score={plan.overall} />
            </span>
          </div>
          {justValidated && plan.status === 'validated' && (
            <Alert fade={false} color="success" role="status">
              {t('perf.validate.done')}
            </Alert>
          )}
          {plan.status === 'validated' && plan.validation && <ValidatedNotice validation={plan.validation} />}
          {plan.status === 'draft' && <p className="text-muted">{t('perf.plan.draftNote')}</p>}

          <Downloads plan={plan} />

          <section aria-labelledby="perf-progress-title" className="my-4">
            <h2 id="perf-progress-title" className="h3">
              {t('perf.progress.title')}
            </h2>
            {plan.centres.length === 0 ? <EmptyState text={t('perf.plan.noCentres')} /> : <ProgressChart centres={plan.centres} year={plan.year} />}
          </section>

          <section aria-labelledby="perf-objectives-title" className="my-4">
            <h2 id="perf-objectives-title" className="h3">
              {t('perf.objectives.title')}
            </h2>
            {plan.centres.map((centre) => (
              <div key={centre.id} className="mb-4">
                <h3 className="h4 mt-4">
                  {centre.name}{' '}
                  <span className="h6 text-muted fw-normal">
                    — {t('perf.objectives.centreScore')} <ScoreText score={centre.score} />
                  </span>
                </h3>
                {centre.objectives.length === 0 ? (
                  <EmptyState text={t('perf.objectives.empty')} />
                ) : (
                  <div className="table-responsive">
                    <table className="table caption-top perf-table">
                      <caption>{t('perf.objectives.caption', { centre: centre.name })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('perf.objectives.colCode')}</th>
                          <th scope="col">{t('perf.objectives.colTitle')}</th>
                          <th scope="col" className="perf-num">
                            {t('perf.objectives.colScore')}
                          </th>
                          <th scope="col">{t('perf.objectives.colStatus')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {centre.objectives.map((o) => (
                          <tr key={o.id}>
                            <td className="text-nowrap">{t('perf.objective.code', { code: o.code })}</td>
                            <th scope="row" className="fw-normal">
                              <Link to={`/performance/${plan.id}/obiettivi/${o.id}?centro=${centre.id}`}>{o.title}</Link>
                            </th>
                            <td className="perf-num">
                              <ScoreText score={o.score} status={o.status} />
                            </td>
                            <td>
                              <StatusBadge status={o.status} />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                {author && <AddObjectiveForm plan={plan} centre={centre} />}
              </div>
            ))}
            {author && <AddCentreForm plan={plan} />}
          </section>

          {author && <ScoringForm plan={plan} />}

          {canValidate(user, plan.status) && (
            <ValidationForm
              plan={plan}
              onValidated={() => {
                setJustValidated(true);
                window.scrollTo(0, 0);
              }}
            />
          )}
          <p className="mt-4">
            <Link to="/performance">{t('perf.plan.back')}</Link>
          </p>
        </>
      )}
    </>
  );
}
