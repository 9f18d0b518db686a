/** Where a report stands: its status, the 31 March deadline (days left or late), its totals. */
import { useT } from '../i18n/i18n.tsx';
import { formatCents, formatDate, formatInteger } from '../format.ts';
import type { Report } from '../../../src/contract/fund-reporting.ts';

export function ReportDeadline({ report }: { report: Report }) {
  const t = useT();
  const ds = report.deadlineStatus;
  let status: string;
  let tone: 'success' | 'warning' | 'danger' | 'info';
  if (report.status === 'submitted') {
    status = report.late ? t('funds.report.submittedLate', { date: formatDate(report.submittedOn), days: report.daysLate ?? 0 }) : t('funds.report.submittedOnTime', { date: formatDate(report.submittedOn) });
    tone = report.late ? 'warning' : 'success';
  } else if (ds.status === 'late') {
    status = t('funds.report.lateBy', { days: formatInteger(ds.daysLate) });
    tone = 'danger';
  } else {
    status = t('funds.report.daysLeft', { days: formatInteger(ds.daysLeft) });
    tone = ds.daysLeft <= 30 ? 'warning' : 'info';
  }
  const statusLabel = report.status === 'submitted' ? t('funds.report.status.submitted') : report.status === 'draft' ? t('funds.report.status.draft') : t('funds.report.status.none');
  return (
    <section aria-labelledby="deadline-title" className="mb-4">
      <h2 id="deadline-title" className="visually-hidden">
        {t('funds.report.deadlineTitle')}
      </h2>
      <div className="row g-3">
        <div className="col-md-4">
          <div className="card card-bg shadow-sm h-100">
            <div className="card-body p-3">
              <p className="small text-uppercase fw-semibold mb-1">{t('funds.report.statusLabel')}</p>
              <p className="h5 mb-0 report-status">{statusLabel}</p>
            </div>
          </div>
        </div>
        <div className="col-md-4">
          <div className="card card-bg shadow-sm h-100">
            <div className="card-body p-3">
              <p className="small text-uppercase fw-semibold mb-1">{t('funds.report.deadline')}</p>
              <p className="h5 mb-1 report-deadline">{formatDate(report.deadline)}</p>
              <p className={`mb-0 fw-semibold text-${tone === 'info' ? 'primary' : tone} report-deadline-status`}>{status}</p>
            </div>
          </div>
        </div>
        <div className="col-md-4">
          <div className="card card-bg shadow-sm h-100">
            <div className="card-body p-3">
              <p className="small text-uppercase fw-semibold mb-1">{t('funds.report.totals')}</p>
              <p className="h5 mb-1 report-total">{formatCents(report.total)}</p>
              <p className="mb-0">{t('funds.report.lineCount', { count: report.lineCount, shown: formatInteger(report.lineCount) })}</p>
            </div>
          </div>
        </div>
      </div>
      <p className="small mt-2 mb-0">{t('funds.report.rule', { year: report.year, next: report.year + 1 })}</p>
    </section>
  );
}
