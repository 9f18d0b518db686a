/**
 * Planned-vs-actual timeline of an objective's activities (DOMAIN.md: slippage = actual month −
 * planned month). The months are read by the domain's own parser (src/domain/performance), so the
 * page and the Relazione agree. A table: 12 month columns, a planned bar and an actual mark, the
 * slippage in words; every mark has its text for screen readers.
 */
import { useT } from '../i18n/i18n.tsx';
import type { Translate } from '../i18n/i18n.tsx';
import { timeline, type TimelineRow } from '../../../src/domain/performance/timeline.ts';
import type { Activity } from '../../../src/contract/performance/readouts.ts';

const MONTH_KEYS = ['perf.month.1', 'perf.month.2', 'perf.month.3', 'perf.month.4', 'perf.month.5', 'perf.month.6', 'perf.month.7', 'perf.month.8', 'perf.month.9', 'perf.month.10', 'perf.month.11', 'perf.month.12'] as const;
const MONTH_LONG_KEYS = ['perf.monthLong.1', 'perf.monthLong.2', 'perf.monthLong.3', 'perf.monthLong.4', 'perf.monthLong.5', 'perf.monthLong.6', 'perf.monthLong.7', 'perf.monthLong.8', 'perf.monthLong.9', 'perf.monthLong.10', 'perf.monthLong.11', 'perf.monthLong.12'] as const;

export const slippageText = (t: Translate, row: TimelineRow): string => {
  switch (row.outcome) {
    case 'on_time':
      return t('perf.timeline.onTime');
    case 'early':
      return Math.abs(row.slippage ?? 0) === 1 ? t('perf.timeline.earlyOne') : t('perf.timeline.early', { months: Math.abs(row.slippage ?? 0) });
    case 'late':
      return (row.slippage ?? 0) === 1 ? t('perf.timeline.lateOne') : t('perf.timeline.late', { months: row.slippage ?? 0 });
    case 'postponed':
      return row.actual.kind === 'postponed' ? t('perf.timeline.postponedTo', { year: row.actual.toYear }) : t('perf.timeline.postponed');
    case 'not_done':
      return t('perf.timeline.notDone');
    case 'recurring':
      return t('perf.timeline.recurring');
    default:
      return t('perf.timeline.unknown');
  }
};

export function Timeline({ activities, year, objectiveLabel }: { activities: Activity[]; year: number; objectiveLabel: string }) {
  const t = useT();
  const rows = timeline(activities, year);
  return (
    <>
      <ul className="perf-legend mb-2" aria-hidden="true">
        <li>
          <span className="perf-swatch perf-tl-planned" />
          {t('perf.timeline.legendPlanned')}
        </li>
        <li>
          <span className="perf-swatch perf-tl-actual-on_time" />
          {t('perf.timeline.legendOnTime')}
        </li>
        <li>
          <span className="perf-swatch perf-tl-actual-late" />
          {t('perf.timeline.legendLate')}
        </li>
        <li>
          <span className="perf-swatch perf-tl-actual-recurring" />
          {t('perf.timeline.legendRecurring')}
        </li>
      </ul>
      <div className="table-responsive">
        <table className="table table-sm caption-top perf-timeline">
          <caption>{t('perf.timeline.caption', { objective: objectiveLabel, year })}</caption>
          <thead>
            <tr>
              <th scope="col" className="perf-tl-activity">
                {t('perf.activities.colActivity')}
              </th>
              {MONTH_KEYS.map((key, i) => (
                <th scope="col" className="perf-tl-month" key={key}>
                  <abbr title={t(MONTH_LONG_KEYS[i]!)}>{t(key)}</abbr>
                </th>
              ))}
              <th scope="col" className="perf-tl-slip">
                {t('perf.timeline.colSlippage')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={activities[r]?.id ?? r}>
                <th scope="row" className="fw-normal small">
                  {row.description}
                </th>
                {row.plannedMonths.map((planned, m) => {
                  const actual = row.actualMonths[m] ?? false;
                  const what = [planned ? t('perf.timeline.planned') : null, actual ? t('perf.timeline.actual') : null].filter(Boolean).join(', ');
                  return (
                    <td className="perf-tl-cell" key={m}>
                      {planned ? <span className="perf-tl-mark perf-tl-planned" aria-hidden="true" /> : <span className="perf-tl-empty" aria-hidden="true" />}
                      {actual ? <span className={`perf-tl-mark perf-tl-actual-${row.outcome}`} aria-hidden="true" /> : <span className="perf-tl-empty" aria-hidden="true" />}
                      {what && <span className="visually-hidden">{what}</span>}
                    </td>
                  );
                })}
                <td className="small">{slippageText(t, row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
