/**
 * `/distretti/:code/rendiconti/:year`: the district's expense report for the expenses paid in
 * YEAR, due by 31 March of YEAR+1 (l.r. 11/2016 art. 64 c. 4-bis; DOMAIN.md "District reporting").
 * Each line is saved as soon as it is entered, so nothing typed is lost; a CSV/XLSX upload adds
 * many at once (all or none) with a receipt; submitting closes the draft; submitted lines are
 * corrected only through a correction request.
 */
import { useState } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { formatCents, formatInteger } from '../format.ts';
import { Link } from '../router.tsx';
import { useEndpoint, useSend } from '../query.ts';
import type { User } from '../types.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { Paging, ResultCount } from '../components/Paging.tsx';
import { getDistrict } from '../../../src/contract/registry.ts';
import { deleteExpenseLine, getReport, submitReport, type ExpenseLine } from '../../../src/contract/fund-reporting.ts';
import { getReceiptPdf } from '../../../src/contract/receipts.ts';
import { receiptProtocol } from '../../../src/domain/receipts.ts';
import { pathOf } from '../api.ts';
import { useFunds } from './hooks.ts';
import { Forbidden, isForbidden } from './DistrictFundsPage.tsx';
import { canReportFor } from './util.ts';
import { ExpenseLineForm } from './ExpenseLineForm.tsx';
import { CorrectionRequestForm } from './CorrectionRequestForm.tsx';
import { ExpenseUploadPanel } from './ExpenseUploadPanel.tsx';
import { ReportDeadline } from './ReportDeadline.tsx';
import { ExpenseLineRow } from './ExpenseLineRow.tsx';

const PAGE_SIZE = 20;

type RowMode = { id: number; kind: 'edit' | 'delete' | 'correct' } | null;

export function ReportPage({ code, year, user }: { code: string; year: number; user: User }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const report = useEndpoint(getReport, { params: { code, year }, query: { page, pageSize: PAGE_SIZE } });
  const district = useEndpoint(getDistrict, { params: { code } });
  const funds = useFunds();
  const [saved, setSaved] = useState<string | null>(null);
  const [rowMode, setRowMode] = useState<RowMode>(null);
  const [confirming, setConfirming] = useState(false);
  const deleting = useSend(deleteExpenseLine);
  const submitting = useSend(submitReport);
  const failure = deleting.error ?? submitting.error;

  if (isForbidden(report.error)) return <Forbidden user={user} error={report.error} />;
  const r = report.data;
  const writer = canReportFor(user, code);
  const editable = writer && r !== null && r.status !== 'submitted';
  const name = district.data?.name ?? code;

  const afterSave = (message: string) => {
    setSaved(message);
    setRowMode(null);
  };

  const remove = async (line: ExpenseLine) => {
    submitting.reset();
    try {
      await deleting.send({ params: { code, year, id: line.id } });
      afterSave(t('funds.report.deleted', { document: line.document }));
    } catch {
      // shown by the page's ErrorAlert: useSend keeps the failure
    }
  };

  const submit = async () => {
    deleting.reset();
    try {
      await submitting.send({ params: { code, year } });
      setConfirming(false);
      setSaved(t('funds.report.submittedMessage', { year }));
      window.setTimeout(() => document.getElementById('report-saved')?.focus(), 0);
    } catch {
      // shown by the page's ErrorAlert: useSend keeps the failure
    }
  };

  /** The line's state as the server sends it (src/domain/funds/verification.ts), in words. */
  const lineStatus = (l: ExpenseLine): string => {
    if (!l.submitted) return t('funds.report.lineDraft');
    switch (l.verification) {
      case 'pending':
        return t('funds.report.lineSubmitted');
      case 'rejected':
        return t('funds.report.lineRejected', { reason: l.rejectionReason ?? '' });
      case 'partially_recognised':
        return t('funds.report.linePart', { amount: formatCents(l.recognised ?? 0) });
      case 'recognised':
        return t('funds.report.lineRecognised');
    }
  };

  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to={`/distretti/${encodeURIComponent(code)}/fondi`}>{t('funds.report.crumbDistrict', { code })}</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {t('funds.report.crumb', { year })}
          </li>
        </ol>
      </nav>
      <PageHeading title={t('funds.report.title', { year, name })} />
      <ErrorAlert error={report.error} />
      {report.loading && !r && <Loading />}
      {r && <ReportDeadline report={r} />}
      {saved && (
        <div id="report-saved" tabIndex={-1}>
          <Alert fade={false} color="success" role="status" className="report-saved">
            {saved}
          </Alert>
        </div>
      )}
      <ErrorAlert error={failure} />
      {r && r.status === 'submitted' && (
        <Alert fade={false} color="info">
          <p className="mb-2">{t('funds.report.submittedNote')}</p>
          {r.receipt !== null && (
            <a href={pathOf(getReceiptPdf.url, { id: r.receipt })} download className="btn btn-primary btn-sm report-receipt">
              {t('receipts.submissionReceipt', { protocol: receiptProtocol(r.receipt) })} — {t('receipts.download')}
            </a>
          )}
        </Alert>
      )}
      {editable && (
        <>
          <ExpenseLineForm code={code} year={year} funds={funds.data ?? []} onSaved={(l) => afterSave(t('funds.report.saved', { document: l.document, amount: formatCents(l.amount) }))} />
          <ExpenseUploadPanel code={code} year={year} onUploaded={() => setSaved(null)} />
        </>
      )}
      {r && (
        <section aria-labelledby="lines-title" className="mb-4">
          <h2 id="lines-title" className="h3">
            {t('funds.report.linesTitle')}
          </h2>
          {r.lines.items.length === 0 ? (
            <EmptyState text={t('funds.report.empty')} />
          ) : (
            <>
              <ResultCount page={r.lines.page} pageSize={r.lines.pageSize} total={r.lines.total} />
              <div className="table-responsive">
                <table className="table caption-top table-sm report-lines">
                  <caption>{t('funds.report.caption', { year, code })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('funds.report.document')}</th>
                      <th scope="col">{t('funds.col.fund')}</th>
                      <th scope="col">{t('funds.report.area')}</th>
                      <th scope="col">{t('funds.report.description')}</th>
                      <th scope="col">{t('funds.report.paidOn')}</th>
                      <th scope="col" className="text-end">{t('funds.report.amount')}</th>
                      <th scope="col">{t('funds.report.lineState')}</th>
                      {writer && <th scope="col">{t('funds.col.actions')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {r.lines.items.map((l) => (
                      <ExpenseLineRow key={l.id} line={l} writer={writer} mode={rowMode?.id === l.id ? rowMode.kind : null} status={lineStatus(l)} setMode={(kind) => { setSaved(null); setRowMode(kind ? { id: l.id, kind } : null); }}>
                        {rowMode?.id === l.id && rowMode.kind === 'edit' && (
                          <ExpenseLineForm code={code} year={year} funds={funds.data ?? []} line={l} onCancel={() => setRowMode(null)} onSaved={(x) => afterSave(t('funds.report.saved', { document: x.document, amount: formatCents(x.amount) }))} />
                        )}
                        {rowMode?.id === l.id && rowMode.kind === 'correct' && <CorrectionRequestForm line={l} onCancel={() => setRowMode(null)} onDone={afterSave} />}
                        {rowMode?.id === l.id && rowMode.kind === 'delete' && (
                          <div className="p-3 funds-panel border rounded" role="group" aria-label={t('funds.report.deleteConfirm', { document: l.document })}>
                            <p className="mb-2">{t('funds.report.deleteConfirm', { document: l.document })}</p>
                            <div className="d-flex gap-2">
                              <Button color="danger" size="sm" onClick={() => void remove(l)}>
                                {t('funds.report.deleteYes')}
                              </Button>
                              <Button color="secondary" outline size="sm" onClick={() => setRowMode(null)}>
                                {t('common.cancel')}
                              </Button>
                            </div>
                          </div>
                        )}
                      </ExpenseLineRow>
                    ))}
                  </tbody>
                </table>
              </div>
              <Paging page={r.lines.page} pageSize={r.lines.pageSize} total={r.lines.total} onChange={setPage} what={t('funds.report.linesTitle')} />
            </>
          )}
        </section>
      )}
      {editable && r && (
        <section aria-labelledby="submit-title" className="card card-bg shadow-sm mb-4">
          <div className="card-body">
            <h2 id="submit-title" className="h4">
              {t('funds.report.submitTitle')}
            </h2>
            <p>{t('funds.report.submitIntro', { count: r.lineCount, shown: formatInteger(r.lineCount), total: formatCents(r.total) })}</p>
            {!confirming ? (
              <Button color="primary" onClick={() => { setConfirming(true); window.setTimeout(() => document.getElementById('submit-confirm')?.focus(), 0); }} disabled={r.lineCount === 0}>
                {t('funds.report.submit')}
              </Button>
            ) : (
              <div role="alertdialog" aria-labelledby="submit-confirm-text" className="border border-warning rounded p-3">
                <p id="submit-confirm-text" className="fw-semibold">
                  {t('funds.report.submitConfirm', { year, count: r.lineCount, shown: formatInteger(r.lineCount), total: formatCents(r.total) })}
                </p>
                <div className="d-flex gap-2">
                  <Button id="submit-confirm" color="primary" onClick={() => void submit()} disabled={submitting.busy}>
                    {submitting.busy ? t('common.saving') : t('funds.report.submitYes')}
                  </Button>
                  <Button color="secondary" outline onClick={() => setConfirming(false)}>
                    {t('common.cancel')}
                  </Button>
                </div>
              </div>
            )}
          </div>
        </section>
      )}
    </>
  );
}
