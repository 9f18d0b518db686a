/**
 * `/distretti/:code/rendiconti/:year`: the district's expense report for the expenses paid in
 * YEAR, due by 31 March of YEAR+1 (l.r. 11/2016 art. 64 c. 4-bis; DOMAIN.md "District reporting").
 * Each line is saved as soon as it is entered, so nothing typed is lost; a CSV/XLSX upload adds
 * many at once (all or none) with a receipt; submitting closes the draft; submitted lines are
 * corrected only through a correction request.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { api, request } from '../api.ts';
import { formatBytes, formatCents, formatDate, formatDateTime, formatInteger } from '../format.ts';
import { Link } from '../router.tsx';
import { useApi } from '../useApi.ts';
import type { DistrictDetail, User } from '../types.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { Paging, ResultCount } from '../components/Paging.tsx';
import type { ExpenseLine, FundSummary, Report, UploadReceipt } from './types.ts';
import { useFunds } from './hooks.ts';
import { Forbidden, isForbidden } from './DistrictFundsPage.tsx';
import { UploadProgress, uploadWithProgress } from './upload.tsx';
import { canReportFor, centsToInput, centsToJson, isCalendarDate, parseEuroInput } from './util.ts';

const PAGE_SIZE = 20;
const MAX_UPLOAD = 100 * 1024 * 1024;

interface LineDraft {
  document: string;
  fund: string;
  annuality: string;
  area: string;
  description: string;
  amount: string;
  paidOn: string;
}

const draftOf = (l: ExpenseLine): LineDraft => ({
  document: l.document,
  fund: l.fund,
  annuality: String(l.annuality),
  area: l.area,
  description: l.description,
  amount: centsToInput(l.amount),
  paidOn: l.paidOn,
});

function LineForm({ base, year, funds, line, onSaved, onCancel }: { base: string; year: number; funds: FundSummary[]; line?: ExpenseLine; onSaved: (line: ExpenseLine) => void; onCancel?: () => void }) {
  const t = useT();
  const prefix = line ? `edit-${line.id}` : 'expense';
  const [draft, setDraft] = useState<LineDraft>(line ? draftOf(line) : { document: '', fund: '', annuality: '', area: '', description: '', amount: '', paidOn: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof LineDraft, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof LineDraft) => (value: string) => setDraft((d) => ({ ...d, [field]: value, ...(field === 'fund' ? { annuality: '' } : {}) }));
  const annualities = funds.find((f) => f.code === draft.fund)?.annualities ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = parseEuroInput(draft.amount);
    const found: typeof errors = {};
    if (!draft.document.trim()) found.document = t('funds.report.documentRequired');
    if (!draft.fund) found.fund = t('funds.report.fundRequired');
    if (!draft.annuality) found.annuality = t('funds.report.annualityRequired');
    if (!draft.area.trim()) found.area = t('funds.report.areaRequired');
    if (cents === null || cents <= 0n) found.amount = t('funds.amountInvalid');
    if (!isCalendarDate(draft.paidOn)) found.paidOn = t('funds.dateInvalid');
    else if (!draft.paidOn.startsWith(`${year}-`)) found.paidOn = t('funds.report.paidOnYear', { year });
    setErrors(found);
    setFailure(null);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`${prefix}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const body = {
        document: draft.document.trim(),
        fund: draft.fund,
        annuality: Number(draft.annuality),
        area: draft.area.trim(),
        description: draft.description.trim(),
        amount: centsToJson(cents!),
        paidOn: draft.paidOn,
      };
      const saved = line ? await request<ExpenseLine>('PUT', `${base}/lines/${line.id}`, { json: body }) : await api.post<ExpenseLine>(`${base}/lines`, body);
      // A new line empties what differs from line to line; fund, annuality, area and date stay for the next one.
      if (!line) setDraft((d) => ({ ...d, document: '', description: '', amount: '' }));
      onSaved(saved);
      if (!line) window.setTimeout(() => document.getElementById(`${prefix}-document`)?.focus(), 0);
    } catch (reason) {
      setFailure(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className={line ? 'p-3 funds-panel border rounded' : 'card card-bg shadow-sm mb-4'} aria-labelledby={`${prefix}-title`}>
      <div className={line ? '' : 'card-body'}>
        <h3 id={`${prefix}-title`} className="h5">
          {line ? t('funds.report.editTitle', { document: line.document }) : t('funds.report.addTitle')}
        </h3>
        {!line && <p className="small">{t('funds.report.addIntro', { year })}</p>}
        <ErrorAlert error={failure} />
        <div className="row">
          <div className="col-md-4">
            <TextField id={`${prefix}-document`} label={t('funds.report.document')} value={draft.document} onChange={set('document')} required error={errors.document} help={t('funds.report.documentHelp')} />
          </div>
          <div className="col-md-4">
            <SelectField
              id={`${prefix}-fund`}
              label={t('funds.col.fund')}
              value={draft.fund}
              onChange={set('fund')}
              required
              error={errors.fund}
              options={[{ value: '', label: t('funds.report.fundChoose') }, ...funds.map((f) => ({ value: f.code, label: `${f.code} — ${f.name}` }))]}
            />
          </div>
          <div className="col-md-4">
            <SelectField
              id={`${prefix}-annuality`}
              label={t('funds.col.annuality')}
              value={draft.annuality}
              onChange={set('annuality')}
              required
              error={errors.annuality}
              help={t('funds.report.annualityHelp')}
              options={[{ value: '', label: draft.fund ? t('funds.report.annualityChoose') : t('funds.report.annualityFirst') }, ...annualities.map((a) => ({ value: String(a.annuality), label: String(a.annuality) }))]}
            />
          </div>
          <div className="col-md-4">
            <TextField id={`${prefix}-area`} label={t('funds.report.area')} value={draft.area} onChange={set('area')} required error={errors.area} help={t('funds.report.areaHelp')} maxLength={40} />
          </div>
          <div className="col-md-4">
            <TextField id={`${prefix}-amount`} label={t('funds.report.amount')} value={draft.amount} onChange={set('amount')} required error={errors.amount} help={t('funds.amountHelp')} />
          </div>
          <div className="col-md-4">
            <TextField id={`${prefix}-paidOn`} type="date" label={t('funds.report.paidOn')} value={draft.paidOn} onChange={set('paidOn')} required error={errors.paidOn} help={t('funds.report.paidOnHelp', { year })} />
          </div>
          <div className="col-12">
            <TextField id={`${prefix}-description`} label={t('funds.report.description')} value={draft.description} onChange={set('description')} />
          </div>
        </div>
        <div className="d-flex gap-2">
          <Button color="primary" type="submit" disabled={busy}>
            {busy ? t('common.saving') : line ? t('funds.report.saveEdit') : t('funds.report.add')}
          </Button>
          {onCancel && (
            <Button color="secondary" outline type="button" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </div>
      </div>
    </form>
  );
}

function CorrectionForm({ line, onDone, onCancel }: { line: ExpenseLine; onDone: (message: string) => void; onCancel: () => void }) {
  const t = useT();
  const prefix = `correction-${line.id}`;
  const [amount, setAmount] = useState('');
  const [area, setArea] = useState('');
  const [description, setDescription] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; reason?: string }>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = amount.trim() ? parseEuroInput(amount) : null;
    const found: typeof errors = {};
    if (amount.trim() && (cents === null || cents <= 0n)) found.amount = t('funds.amountInvalid');
    if (!reason.trim()) found.reason = t('funds.report.correctionReasonRequired');
    setErrors(found);
    setFailure(null);
    if (found.amount) return document.getElementById(`${prefix}-amount`)?.focus();
    if (found.reason) return document.getElementById(`${prefix}-reason`)?.focus();
    setBusy(true);
    try {
      const created = await api.post<{ id: number }>(`/api/expense-lines/${line.id}/corrections`, {
        reason: reason.trim(),
        ...(cents !== null ? { amount: centsToJson(cents) } : {}),
        ...(area.trim() ? { area: area.trim() } : {}),
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      onDone(t('funds.report.correctionSent', { id: created.id, document: line.document }));
    } catch (reason) {
      setFailure(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="p-3 funds-panel border rounded" aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`} className="h6">
        {t('funds.report.correctionTitle', { document: line.document })}
      </h3>
      <p className="small">{t('funds.report.correctionIntro')}</p>
      <ErrorAlert error={failure} />
      <div className="row">
        <div className="col-md-4">
          <TextField id={`${prefix}-amount`} label={t('funds.report.correctionAmount')} value={amount} onChange={setAmount} error={errors.amount} />
        </div>
        <div className="col-md-4">
          <TextField id={`${prefix}-area`} label={t('funds.report.correctionArea')} value={area} onChange={setArea} />
        </div>
        <div className="col-md-4">
          <TextField id={`${prefix}-description`} label={t('funds.report.correctionDescription')} value={description} onChange={setDescription} />
        </div>
        <div className="col-12">
          <TextField id={`${prefix}-reason`} label={t('funds.report.correctionReason')} value={reason} onChange={setReason} required error={errors.reason} />
        </div>
      </div>
      <div className="d-flex gap-2">
        <Button color="primary" size="sm" type="submit" disabled={busy}>
          {t('funds.report.correctionSubmit')}
        </Button>
        <Button color="secondary" outline size="sm" type="button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

export function ExpenseReceipt({ receipt }: { receipt: UploadReceipt }) {
  const t = useT();
  return (
    <div className="receipt border-start border-4 border-success funds-panel p-3 mt-3" role="status" aria-labelledby="expense-receipt-title">
      <h3 id="expense-receipt-title" className="h5">
        {t('funds.upload.receiptTitle')}
      </h3>
      <p className="small">{t('funds.upload.receiptIntro', { lines: formatInteger(receipt.stored), amount: formatCents(receipt.amount) })}</p>
      {receipt.files.map((f) => (
        <dl className="row mb-2" key={f.sha256}>
          <dt className="col-sm-3">{t('funds.upload.file')}</dt>
          <dd className="col-sm-9 receipt-file-name">{f.name}</dd>
          <dt className="col-sm-3">{t('funds.upload.lines')}</dt>
          <dd className="col-sm-9 receipt-lines">{formatInteger(f.lines)}</dd>
          <dt className="col-sm-3">{t('funds.upload.size')}</dt>
          <dd className="col-sm-9">{formatBytes(f.bytes)}</dd>
          <dt className="col-sm-3">{t('funds.upload.sha256')}</dt>
          <dd className="col-sm-9">
            <code className="receipt-sha256 text-break">{f.sha256}</code>
          </dd>
        </dl>
      ))}
      <dl className="row mb-2">
        <dt className="col-sm-3">{t('funds.upload.at')}</dt>
        <dd className="col-sm-9 receipt-at">{formatDateTime(receipt.at)}</dd>
        <dt className="col-sm-3">{t('funds.upload.receiptNumber')}</dt>
        <dd className="col-sm-9">{receipt.id}</dd>
      </dl>
      <a href={`/api/receipts/${receipt.id}?download=true`} download className="btn btn-outline-success btn-sm">
        {t('funds.upload.download')}
      </a>
    </div>
  );
}

function UploadPanel({ base, year, onUploaded }: { base: string; year: number; onUploaded: () => void }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [receipt, setReceipt] = useState<UploadReceipt | null>(null);
  const [fileName, setFileName] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setReceipt(null);
    const file = input.current?.files?.[0];
    if (!file) {
      setError(t('funds.upload.fileRequired'));
      input.current?.focus();
      return;
    }
    if (!/\.(csv|xlsx)$/i.test(file.name)) {
      setError(t('funds.upload.wrongType'));
      input.current?.focus();
      return;
    }
    if (file.size > MAX_UPLOAD) {
      setError(t('funds.upload.tooLarge'));
      input.current?.focus();
      return;
    }
    setError(null);
    setFileName(file.name);
    setProgress(0);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const result = await uploadWithProgress<UploadReceipt>(`${base}/upload`, form, setProgress);
      setReceipt(result);
      if (input.current) input.current.value = '';
      onUploaded();
    } catch (reason) {
      setFailure(reason);
    } finally {
      setProgress(null);
    }
  };

  return (
    <section className="card card-bg shadow-sm mb-4" aria-labelledby="upload-title">
      <form className="card-body" onSubmit={submit} noValidate>
        <h2 id="upload-title" className="h4">
          {t('funds.upload.title')}
        </h2>
        <p className="small">{t('funds.upload.intro', { year })}</p>
        <p className="small">
          <code>distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto</code>
        </p>
        <div className="form-group regia-field">
          <label htmlFor="expense-file" className="active">
            {t('funds.upload.fileLabel')}
          </label>
          <input
            ref={input}
            id="expense-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className={`form-control${error ? ' is-invalid' : ''}`}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'expense-file-error' : undefined}
          />
          {error && (
            <div id="expense-file-error" className="invalid-feedback d-block">
              {error}
            </div>
          )}
        </div>
        <Button color="primary" type="submit" disabled={progress !== null}>
          {t('funds.upload.submit')}
        </Button>
        {progress !== null && <UploadProgress percent={progress} label={fileName} />}
        <div className="mt-3">
          <ErrorAlert error={failure} />
        </div>
        {receipt && <ExpenseReceipt receipt={receipt} />}
      </form>
    </section>
  );
}

function Deadline({ report }: { report: Report }) {
  const t = useT();
  const ds = report.deadlineStatus;
  let status: string;
  let tone: 'success' | 'warning' | 'danger' | 'info';
  if (report.status === 'submitted') {
    status = report.late ? t('funds.report.submittedLate', { date: formatDate(report.submittedOn), days: report.daysLate ?? 0 }) : t('funds.report.submittedOnTime', { date: formatDate(report.submittedOn) });
    tone = report.late ? 'warning' : 'success';
  } else if (ds.status === 'late') {
    status = t('funds.report.lateBy', { days: formatInteger(ds.daysLate ?? 0) });
    tone = 'danger';
  } else {
    status = t('funds.report.daysLeft', { days: formatInteger(ds.daysLeft ?? 0) });
    tone = (ds.daysLeft ?? 0) <= 30 ? 'warning' : 'info';
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
              <p className="mb-0">{t('funds.report.lineCount', { count: formatInteger(report.lineCount) })}</p>
            </div>
          </div>
        </div>
      </div>
      <p className="small mt-2 mb-0">{t('funds.report.rule', { year: report.year, next: report.year + 1 })}</p>
    </section>
  );
}

type RowMode = { id: number; kind: 'edit' | 'delete' | 'correct' } | null;

export function ReportPage({ code, year, user }: { code: string; year: number; user: User }) {
  const t = useT();
  const base = `/api/districts/${encodeURIComponent(code)}/reports/${year}`;
  const [page, setPage] = useState(1);
  const report = useApi<Report>(base, { page, pageSize: PAGE_SIZE });
  const district = useApi<DistrictDetail>(`/api/districts/${encodeURIComponent(code)}`);
  const funds = useFunds();
  const [saved, setSaved] = useState<string | null>(null);
  const [rowMode, setRowMode] = useState<RowMode>(null);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  if (isForbidden(report.error)) return <Forbidden user={user} error={report.error} />;
  const r = report.data;
  const writer = canReportFor(user, code);
  const editable = writer && r !== null && r.status !== 'submitted';
  const name = district.data?.name ?? code;

  const afterSave = (message: string) => {
    setSaved(message);
    setRowMode(null);
    report.reload();
  };

  const remove = async (line: ExpenseLine) => {
    setFailure(null);
    try {
      await request('DELETE', `${base}/lines/${line.id}`);
      afterSave(t('funds.report.deleted', { document: line.document }));
    } catch (reason) {
      setFailure(reason);
    }
  };

  const submitReport = async () => {
    setFailure(null);
    setSubmitting(true);
    try {
      await api.post(`${base}/submit`);
      setConfirming(false);
      setSaved(t('funds.report.submittedMessage', { year }));
      report.reload();
      window.setTimeout(() => document.getElementById('report-saved')?.focus(), 0);
    } catch (reason) {
      setFailure(reason);
    } finally {
      setSubmitting(false);
    }
  };

  const lineStatus = (l: ExpenseLine): string => {
    if (!l.submitted) return t('funds.report.lineDraft');
    if (l.recognised === null) return t('funds.report.lineSubmitted');
    if (l.rejectionReason && l.recognised === 0) return t('funds.report.lineRejected', { reason: l.rejectionReason });
    if (l.recognised < l.amount) return t('funds.report.linePart', { amount: formatCents(l.recognised) });
    return t('funds.report.lineRecognised');
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
      {r && <Deadline report={r} />}
      {saved && (
        <div id="report-saved" tabIndex={-1}>
          <Alert fade={false} color="success" role="status" className="report-saved">
            {saved}
          </Alert>
        </div>
      )}
      <ErrorAlert error={failure} />
      {r && r.status === 'submitted' && <Alert fade={false} color="info">{t('funds.report.submittedNote')}</Alert>}
      {editable && (
        <>
          <LineForm base={base} year={year} funds={funds.data ?? []} onSaved={(l) => afterSave(t('funds.report.saved', { document: l.document, amount: formatCents(l.amount) }))} />
          <UploadPanel base={base} year={year} onUploaded={() => { setSaved(null); report.reload(); }} />
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
                      <LineRow key={l.id} line={l} writer={writer} mode={rowMode?.id === l.id ? rowMode.kind : null} status={lineStatus(l)} setMode={(kind) => { setSaved(null); setRowMode(kind ? { id: l.id, kind } : null); }}>
                        {rowMode?.id === l.id && rowMode.kind === 'edit' && (
                          <LineForm base={base} year={year} funds={funds.data ?? []} line={l} onCancel={() => setRowMode(null)} onSaved={(x) => afterSave(t('funds.report.saved', { document: x.document, amount: formatCents(x.amount) }))} />
                        )}
                        {rowMode?.id === l.id && rowMode.kind === 'correct' && <CorrectionForm line={l} onCancel={() => setRowMode(null)} onDone={afterSave} />}
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
                      </LineRow>
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
            <p>{t('funds.report.submitIntro', { count: formatInteger(r.lineCount), total: formatCents(r.total) })}</p>
            {!confirming ? (
              <Button color="primary" onClick={() => { setConfirming(true); window.setTimeout(() => document.getElementById('submit-confirm')?.focus(), 0); }} disabled={r.lineCount === 0}>
                {t('funds.report.submit')}
              </Button>
            ) : (
              <div role="alertdialog" aria-labelledby="submit-confirm-text" className="border border-warning rounded p-3">
                <p id="submit-confirm-text" className="fw-semibold">
                  {t('funds.report.submitConfirm', { year, count: formatInteger(r.lineCount), total: formatCents(r.total) })}
                </p>
                <div className="d-flex gap-2">
                  <Button id="submit-confirm" color="primary" onClick={() => void submitReport()} disabled={submitting}>
                    {submitting ? t('common.saving') : t('funds.report.submitYes')}
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

function LineRow({ line, writer, mode, status, setMode, children }: { line: ExpenseLine; writer: boolean; mode: 'edit' | 'delete' | 'correct' | null; status: string; setMode: (kind: 'edit' | 'delete' | 'correct' | null) => void; children: ReactNode }) {
  const t = useT();
  return (
    <>
      <tr>
        <th scope="row">{line.document}</th>
        <td>
          {line.fund} {line.annuality}
        </td>
        <td>{line.area}</td>
        <td>{line.description}</td>
        <td>{formatDate(line.paidOn)}</td>
        <td className="text-end">{formatCents(line.amount)}</td>
        <td>{status}</td>
        {writer && (
          <td>
            {!line.submitted ? (
              <div className="d-flex gap-1 flex-wrap">
                <Button color="primary" outline size="xs" onClick={() => setMode(mode === 'edit' ? null : 'edit')} aria-expanded={mode === 'edit'}>
                  {t('funds.report.edit')}
                  <span className="visually-hidden"> {line.document}</span>
                </Button>
                <Button color="danger" outline size="xs" onClick={() => setMode('delete')}>
                  {t('funds.report.delete')}
                  <span className="visually-hidden"> {line.document}</span>
                </Button>
              </div>
            ) : (
              <Button color="primary" outline size="xs" onClick={() => setMode(mode === 'correct' ? null : 'correct')} aria-expanded={mode === 'correct'}>
                {t('funds.report.requestCorrection')}
                <span className="visually-hidden"> {line.document}</span>
              </Button>
            )}
          </td>
        )}
      </tr>
      {mode && (
        <tr>
          <td colSpan={writer ? 8 : 7}>{children}</td>
        </tr>
      )}
    </>
  );
}
