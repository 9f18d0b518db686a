/**
 * One objective as the Relazione sulla Performance shows it (seed 2): identification, description,
 * "Modalità di attuazione", "Indicatori di risultato", "Report al 31/12", plus the timeline,
 * revisions by board resolution, the evaluator's comment, and the edit controls for who may use them.
 */
import { useEffect, useState } from 'react';
import { Alert, Breadcrumb, BreadcrumbItem } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { Link } from '../router.tsx';
import { ApiError } from '../api.ts';
import { useEndpoint, useSend } from '../query.ts';
import { getPlan, type Objective } from '../../../src/contract/performance/readouts.ts';
import { setActivityActual, setIndicatorActual } from '../../../src/contract/performance/monitoring.ts';
import { planIdOf } from './plan-id.ts';
import { useSession } from '../session.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { canAuthor, canReport, canRevise } from './permissions.ts';
import { AddActivityForm, AddIndicatorForm } from './Authoring.tsx';
import { formatScore, ScoreText, StatusBadge, statusLabel } from './labels.tsx';
import { InlineEdit } from './InlineEdit.tsx';
import { ReportEditor } from './ReportEditor.tsx';
import { RevisionsHistory } from './RevisionsHistory.tsx';
import { RevisionForm } from './RevisionForm.tsx';
import { Timeline } from './Timeline.tsx';
import { ValidatedNotice } from './ValidatedNotice.tsx';

const selectedCentre = (): number | null => {
  const value = new URLSearchParams(window.location.search).get('centro');
  return value && /^\d+$/.test(value) ? Number(value) : null;
};

function Facts({ objective }: { objective: Objective }) {
  const t = useT();
  const rows = [
    ['perf.objective.strategicArea', objective.strategicArea],
    ['perf.objective.operationalObjective', objective.operationalObjective],
    ['perf.objective.pegProject', objective.pegProject],
    ['perf.objective.services', objective.services],
    ['perf.objective.endUsers', objective.endUsers],
    ['perf.objective.networks', objective.networks],
  ] as const;
  return (
    <dl className="row perf-facts">
      {rows.map(([key, value]) => (
        <div className="col-md-6" key={key}>
          <dt>{t(key)}</dt>
          <dd className="perf-text">{value || <span className="text-muted">{t('common.notSet')}</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ObjectivePage({ planId, objectiveId }: { planId: string; objectiveId: string }) {
  const t = useT();
  const { user } = useSession();
  const id = planIdOf(planId);
  const { data: plan, error, loading } = useEndpoint(getPlan, id === null ? null : { params: { id } });
  const indicatorActual = useSend(setIndicatorActual);
  const activityActual = useSend(setActivityActual);
  const [notice, setNotice] = useState<string | null>(null);
  // The router keys pages by path only: the centre (?centro=) of a shared objective is followed here.
  const [centreId, setCentreId] = useState(selectedCentre);
  useEffect(() => {
    const onPop = () => setCentreId(selectedCentre());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const wanted = Number(objectiveId);
  const occurrences = plan ? plan.centres.flatMap((c) => c.objectives.filter((o) => o.id === wanted).map((o) => ({ centre: c, objective: o }))) : [];
  const current = occurrences.find((x) => x.centre.id === centreId) ?? occurrences[0];
  const planMissing = id === null || (error instanceof ApiError && error.status === 404);

  const crumbs = (
    <Breadcrumb aria-label={t('common.breadcrumb')}>
      <BreadcrumbItem>
        <Link to="/performance">{t('nav.performance')}</Link>
        <span className="separator">/</span>
      </BreadcrumbItem>
      <BreadcrumbItem>
        <Link to={`/performance/${planId}`}>{plan ? t('perf.plan.crumb', { year: plan.year }) : planId}</Link>
        <span className="separator">/</span>
      </BreadcrumbItem>
      <BreadcrumbItem active aria-current="page">
        {current ? t('perf.objective.code', { code: current.objective.code }) : objectiveId}
      </BreadcrumbItem>
    </Breadcrumb>
  );

  if (!plan) {
    return (
      <>
        {crumbs}
        {loading && <Loading />}
        {planMissing && <PageHeading title={t('perf.plan.notFound')} />}
        <ErrorAlert error={error} />
      </>
    );
  }
  if (!current) {
    return (
      <>
        {crumbs}
        <PageHeading title={t('perf.objective.notFound')} />
        <p>
          <Link to={`/performance/${plan.id}`}>{t('perf.objective.backToPlan', { year: plan.year })}</Link>
        </p>
      </>
    );
  }

  const { centre, objective } = current;
  const reporter = canReport(
    user,
    plan,
    occurrences.map((x) => x.centre.name),
  );
  const reviser = canRevise(user, plan.status);
  const author = canAuthor(user, plan.status);
  const label = t('perf.objective.heading', { code: objective.code, centre: centre.name });
  const lastSuspension = objective.status === 'suspended' ? [...objective.revisions].reverse().find((r) => r.kind === 'suspended') : undefined;
  const others = occurrences.filter((x) => x.centre.id !== centre.id);

  const saveIndicator = async (indicatorId: number, name: string, actual: string) => {
    const saved = await indicatorActual.send({ params: { id: plan.id, indicatorId }, body: { actual } });
    const score = formatScore(saved.objective.score);
    setNotice(
      saved.objective.status === 'suspended' || score === null
        ? t('perf.indicators.savedSuspended', { name })
        : t('perf.indicators.saved', { name, score, status: statusLabel(t, saved.objective.status) }),
    );
  };
  const saveActivity = async (activityId: number, actual: string) => {
    await activityActual.send({ params: { id: plan.id, activityId }, body: { actual } });
    setNotice(t('perf.activities.saved'));
  };

  return (
    <>
      {crumbs}
      <PageHeading title={label} />
      <p className="lead fw-semibold">{objective.title}</p>
      <div className="d-flex flex-wrap align-items-center gap-3 mb-3">
        <StatusBadge status={objective.status} />
        <span>
          {t('perf.objective.score')} <ScoreText score={objective.score} status={objective.status} />
        </span>
        <span className="text-muted">{t('perf.objective.version', { version: objective.version })}</span>
        <span className="text-muted">{t('perf.plan.crumb', { year: plan.year })}</span>
      </div>
      {others.length > 0 && (
        <p className="small">
          {t('perf.objective.sharedWith')}{' '}
          {others.map((x, i) => (
            <span key={x.centre.id}>
              {i > 0 && ', '}
              <Link to={`/performance/${plan.id}/obiettivi/${objective.id}?centro=${x.centre.id}`} onClick={() => setCentreId(x.centre.id)}>{t('perf.objective.heading', { code: x.objective.code, centre: x.centre.name })}</Link>
            </span>
          ))}
        </p>
      )}
      {objective.status === 'suspended' && (
        <Alert fade={false} color="warning">
          {lastSuspension
            ? lastSuspension.date === lastSuspension.actDate
              ? t('perf.objective.suspendedBy', { act: lastSuspension.act, actDate: formatDate(lastSuspension.actDate) })
              : t('perf.objective.suspendedFrom', { act: lastSuspension.act, actDate: formatDate(lastSuspension.actDate), date: formatDate(lastSuspension.date) })
            : t('perf.objective.suspended')}
        </Alert>
      )}
      {plan.status === 'validated' && plan.validation && <ValidatedNotice validation={plan.validation} />}
      {plan.status === 'draft' && user?.role === 'area_manager' && !reporter && (
        <Alert fade={false} color="info">
          {t('perf.objective.notYourCentre', { centres: user.centres.join(', ') || '—' })}
        </Alert>
      )}
      <div role="status" aria-live="polite">
        {notice && (
          <Alert fade={false} color="success" className="perf-notice">
            {notice}
          </Alert>
        )}
      </div>

      <section aria-labelledby="perf-facts-title" className="my-4">
        <h2 id="perf-facts-title" className="h3">
          {t('perf.objective.identification')}
        </h2>
        <Facts objective={objective} />
      </section>

      <section aria-labelledby="perf-description-title" className="my-4">
        <h2 id="perf-description-title" className="h3">
          {t('perf.objective.description')}
        </h2>
        {objective.description ? <p className="perf-text">{objective.description}</p> : <p className="text-muted">{t('common.notSet')}</p>}
      </section>

      <section aria-labelledby="perf-activities-title" className="my-4">
        <h2 id="perf-activities-title" className="h3">
          {t('perf.activities.title')}
        </h2>
        {objective.activities.length === 0 ? (
          <EmptyState text={t('perf.activities.empty')} />
        ) : (
          <div className="table-responsive">
            <table className="table caption-top perf-table">
              <caption>{t('perf.activities.caption', { objective: label })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('perf.activities.colActivity')}</th>
                  <th scope="col">{t('perf.activities.colPlanned')}</th>
                  <th scope="col">{t('perf.activities.colActual')}</th>
                </tr>
              </thead>
              <tbody>
                {objective.activities.map((a, i) => (
                  <tr key={a.id}>
                    <th scope="row" className="fw-normal">
                      {a.description}
                    </th>
                    <td className="text-nowrap">{a.planned}</td>
                    <td>
                      <InlineEdit
                        id={`perf-activity-${a.id}`}
                        label={t('perf.activities.editLabel', { n: i + 1 })}
                        value={a.actual}
                        help={t('perf.activities.editHelp')}
                        editable={reporter}
                        onSave={(v) => saveActivity(a.id, v)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {author && <AddActivityForm planId={plan.id} objectiveId={objective.id} objectiveLabel={label} />}
      </section>

      {objective.activities.length > 0 && (
        <section aria-labelledby="perf-timeline-title" className="my-4">
          <h2 id="perf-timeline-title" className="h3">
            {t('perf.timeline.title')}
          </h2>
          <Timeline activities={objective.activities} year={plan.year} objectiveLabel={label} />
        </section>
      )}

      <section aria-labelledby="perf-indicators-title" className="my-4">
        <h2 id="perf-indicators-title" className="h3">
          {t('perf.indicators.title')}
        </h2>
        {objective.indicators.length === 0 ? (
          <EmptyState text={t('perf.indicators.empty')} />
        ) : (
          <div className="table-responsive">
            <table className="table caption-top perf-table">
              <caption>{t('perf.indicators.caption', { objective: label, year: plan.year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('perf.indicators.colName')}</th>
                  <th scope="col">{t('perf.indicators.colDescription')}</th>
                  <th scope="col">{t('perf.indicators.colUnit')}</th>
                  <th scope="col" className="perf-num">
                    {t('perf.indicators.colTarget', { year: plan.year })}
                  </th>
                  <th scope="col">{t('perf.indicators.colActual', { year: plan.year })}</th>
                  <th scope="col" className="perf-num">
                    {t('perf.indicators.colAchievement')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {objective.indicators.map((x, i) => (
                  <tr key={x.id}>
                    <th scope="row">{x.name}</th>
                    <td>{x.description}</td>
                    <td>{x.unit}</td>
                    <td className="perf-num">{x.target}</td>
                    <td>
                      <InlineEdit
                        id={`perf-indicator-${x.id}`}
                        label={t('perf.indicators.editLabel', { name: x.name, n: i + 1 })}
                        value={x.actual}
                        help={t('perf.indicators.editHelp')}
                        editable={reporter}
                        onSave={(v) => saveIndicator(x.id, x.name, v)}
                      />
                    </td>
                    <td className="perf-num">
                      <ScoreText score={x.achievement} status={objective.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {author && <AddIndicatorForm planId={plan.id} objectiveId={objective.id} objectiveLabel={label} />}
      </section>

      <section aria-labelledby="perf-report-title" className="my-4">
        <h2 id="perf-report-title" className="h3">
          {t('perf.report.title', { year: plan.year })}
        </h2>
        <ReportEditor
          planId={plan.id}
          objectiveId={objective.id}
          report={objective.report}
          editable={reporter}
          onSaved={() => setNotice(t('perf.report.saved'))}
        />
      </section>

      {objective.evaluation && (
        <section aria-labelledby="perf-evaluation-title" className="my-4">
          <h2 id="perf-evaluation-title" className="h3">
            {t('perf.evaluation.title')}
          </h2>
          <p className="perf-text">{objective.evaluation.comment}</p>
          <p className="small text-muted">{t('perf.validation.byAt', { by: objective.evaluation.by, at: formatDateTime(objective.evaluation.at) })}</p>
        </section>
      )}

      <section aria-labelledby="perf-revisions-title" className="my-4">
        <h2 id="perf-revisions-title" className="h3">
          {t('perf.revisions.title')}
        </h2>
        <RevisionsHistory revisions={objective.revisions} objectiveLabel={label} />
      </section>

      {reviser && (
        <RevisionForm
          key={`${objective.id}-${objective.version}`}
          planId={plan.id}
          year={plan.year}
          objective={objective}
          onRevised={(kind) => {
            setNotice(kind === 'suspended' ? t('perf.revise.doneSuspended') : t('perf.revise.doneUpdated'));
            window.scrollTo(0, 0);
          }}
        />
      )}

      <p className="mt-4">
        <Link to={`/performance/${plan.id}`}>{t('perf.objective.backToPlan', { year: plan.year })}</Link>
      </p>
    </>
  );
}
