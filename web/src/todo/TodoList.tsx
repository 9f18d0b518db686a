/**
 * "What needs me now" on the home page (issue #11): the server's list (GET /api/todo), most
 * urgent first, each item with its urgency as the domain judges it and a link to where the
 * work is done.
 */
import { Badge } from 'design-react-kit';
import { urgencyOf, type Urgency } from '../../../src/domain/todo.ts';
import { getTodo, type TodoItem } from '../../../src/contract/todo.ts';
import { useEndpoint } from '../query.ts';
import { useT, type Translate } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { formatCents, formatDate } from '../format.ts';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

const BADGE: Record<Urgency, string> = { late: 'danger', soon: 'warning', open: 'primary' };

/** The item's sentence and where it is dealt with. */
const describe = (t: Translate, item: TodoItem): { text: string; to: string } => {
  switch (item.kind) {
    case 'reports_to_verify':
      return { text: t('todo.reportsToVerify', { reports: item.reports, lines: item.lines }), to: '/fondi' };
    case 'corrections_pending':
      return { text: t(item.mine ? 'todo.correctionsMine' : 'todo.correctionsToDecide', { requests: item.requests }), to: '/rettifiche' };
    case 'tranche':
      return {
        text: item.eligible
          ? t('todo.tranchePayable', { fund: item.fund, year: item.year, gating: item.gatingAnnuality })
          : t('todo.trancheBlocked', { fund: item.fund, year: item.year, gating: item.gatingAnnuality, missing: formatCents(item.missingToThreshold) }),
        to: `/fondi/${encodeURIComponent(item.fund)}/${item.gatingAnnuality}`,
      };
    case 'reports_late':
      return { text: t('todo.reportsLate', { year: item.expenseYear, count: item.districts.length, districts: item.districts.join(', ') }), to: '/fondi' };
    case 'report_due':
      return {
        text: t('todo.reportDue', { year: item.expenseYear, district: item.district, deadline: formatDate(item.deadline), days: item.daysLeft }),
        to: `/distretti/${encodeURIComponent(item.district)}/rendiconti/${item.expenseYear}`,
      };
    case 'report_late':
      return {
        text: t('todo.reportLate', { year: item.expenseYear, district: item.district, deadline: formatDate(item.deadline), days: item.daysLate }),
        to: `/distretti/${encodeURIComponent(item.district)}/rendiconti/${item.expenseYear}`,
      };
    case 'objectives_to_report':
      return { text: t('todo.objectivesToReport', { year: item.year, body: item.body, objectives: item.objectives }), to: `/performance/${item.planId}` };
    case 'plan_to_validate':
      return { text: t('todo.planToValidate', { year: item.year, body: item.body }), to: `/performance/${item.planId}` };
  }
};

export function TodoList() {
  const t = useT();
  const { data, error, loading } = useEndpoint(getTodo, {});
  return (
    <section aria-labelledby="todo-title" className="mb-5">
      <h2 id="todo-title" className="h3 mb-3">
        {t('todo.title')}
      </h2>
      {error ? <ErrorAlert error={error} /> : null}
      {loading && !data ? <Loading /> : null}
      {data && data.items.length === 0 ? <p className="empty-state p-3">{t('todo.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <ul className="list-unstyled todo-list">
          {data.items.map((item, i) => {
            const urgency = urgencyOf(item);
            const { text, to } = describe(t, item);
            return (
              <li key={`${item.kind}-${i}`} className="d-flex align-items-start gap-3 py-2 border-bottom">
                <Badge color={BADGE[urgency]} pill className="mt-1 flex-shrink-0">
                  {t(`todo.urgency.${urgency}`)}
                </Badge>
                <span className="flex-grow-1">{text}</span>
                <Link to={to} className="flex-shrink-0" aria-label={`${t('todo.open')}: ${text}`}>
                  {t('todo.open')}
                </Link>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
