/** The revisions of an objective by board resolution, each with the version it replaced. */
import { useT } from '../i18n/i18n.tsx';
import { formatDate } from '../format.ts';
import { Link } from '../router.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { revisionKindLabel } from './labels.tsx';
import type { Revision, RevisionSnapshot as Snapshot } from '../../../src/contract/performance/readouts.ts';

function EarlierVersion({ snapshot }: { snapshot: Snapshot }) {
  const t = useT();
  return (
    <details>
      <summary>{t('perf.revisions.showEarlier', { version: snapshot.version ?? '' })}</summary>
      <dl className="small mt-2 mb-0">
        {snapshot.suspended && <dd>{t('perf.revisions.wasSuspended')}</dd>}
        {snapshot.title !== undefined && (
          <>
            <dt>{t('perf.objective.title')}</dt>
            <dd>{snapshot.title}</dd>
          </>
        )}
        {snapshot.description !== undefined && (
          <>
            <dt>{t('perf.objective.description')}</dt>
            <dd className="perf-text">{snapshot.description}</dd>
          </>
        )}
        {snapshot.activities && snapshot.activities.length > 0 && (
          <>
            <dt>{t('perf.activities.title')}</dt>
            <dd>
              <ul className="mb-0">
                {snapshot.activities.map((a, i) => (
                  <li key={i}>
                    {a.description} — {a.planned}
                    {a.actual ? ` / ${a.actual}` : ''}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {snapshot.indicators && snapshot.indicators.length > 0 && (
          <>
            <dt>{t('perf.indicators.title')}</dt>
            <dd>
              <ul className="mb-0">
                {snapshot.indicators.map((x, i) => (
                  <li key={i}>
                    {t('perf.revisions.indicatorLine', { name: x.name, unit: x.unit, target: x.target, actual: x.actual || t('common.dash') })}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </details>
  );
}

export function RevisionsHistory({ revisions, objectiveLabel }: { revisions: Revision[]; objectiveLabel: string }) {
  const t = useT();
  if (revisions.length === 0) return <EmptyState text={t('perf.revisions.empty')} />;
  return (
    <div className="table-responsive">
      <table className="table caption-top perf-table">
        <caption>{t('perf.revisions.caption', { objective: objectiveLabel })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('perf.revisions.colVersion')}</th>
            <th scope="col">{t('perf.revisions.colKind')}</th>
            <th scope="col">{t('perf.revisions.colAct')}</th>
            <th scope="col">{t('perf.revisions.colDate')}</th>
            <th scope="col">{t('perf.revisions.colEarlier')}</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r) => (
            <tr key={r.version}>
              <th scope="row">{r.version}</th>
              <td>{revisionKindLabel(t, r.kind)}</td>
              <td>
                {r.actId ? <Link to="/atti">{r.act}</Link> : r.act} {t('perf.revisions.actDate', { actDate: formatDate(r.actDate) })}
              </td>
              <td>{formatDate(r.date)}</td>
              <td>{r.snapshot ? <EarlierVersion snapshot={r.snapshot} /> : <span className="text-muted small">{t('perf.revisions.noSnapshot')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
