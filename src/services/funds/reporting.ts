/**
 * District expense reporting (DOMAIN.md "District reporting"): a report per district and
 * expense year, kept as a draft as lines are typed or uploaded, submitted once; the 31 March
 * deadline of the following year is shown and a late submission recorded. Lines of a draft
 * do not count as reported until the report is submitted. Every write of a report or its lines
 * first takes the report's lock (src/db/locks.ts `expense_report`); submission then takes the
 * locks of the fund annualities its lines count in. The SQL is in src/db/repositories/funds/.
 */
import { submissionReceiptOf } from '../../db/repositories/receipts.ts';
import * as reports from '../../db/repositories/funds/reporting.ts';
import type { ExpenseLineRow, ReportRow } from '../../db/repositories/funds/reporting.ts';
import { findDistrict } from '../../db/repositories/funds/references.ts';
import { findAnnuality } from '../../db/repositories/funds/national.ts';
import { addExpenseDelta, totalsOfDistrict } from '../../db/repositories/funds/totals.ts';
import { lockLimit, lockLimits } from '../../db/locks.ts';
import type { Tx } from '../../db/client.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { actorName, requireDistrict, requirePermission, visibleDistricts } from '../../domain/auth/actor.ts';
import { conflict, invalid, notFound } from '../../domain/errors.ts';
import { cents, toNumber, type Cents } from '../../domain/money.ts';
import { parseCalendarDate, romeDate, yearOf, daysBetween, type CalendarDate } from '../../domain/dates.ts';
import { deadlineStatus, isLate, reportDeadline } from '../../domain/funds/reporting-deadline.ts';
import { requirePositiveAmount } from '../../domain/funds/limits.ts';
import { storedVerification } from '../../domain/funds/verification.ts';
import { residualOf, toDisburseOf } from '../../domain/funds/residuals.ts';
import { readExchangeFile } from '../../exchange/read-file.ts';
import { expensesFile, type ExpenseRecord } from '../../exchange/files.ts';
import { ErrorList, formatIssue } from '../../exchange/issues.ts';
import type { ByteSource } from '../../exchange/source.ts';
import type { ServiceContext } from '../context.ts';
import { recordChange } from '../audit-log.ts';
import { page, type PageRequest } from '../paging.ts';

const requireKnownDistrict = async (ctx: ServiceContext, code: string) => {
  const d = await findDistrict(ctx.database.db, code);
  if (!d) throw notFound('district.not_found', `Distretto "${code}" non trovato`);
  return d;
};

/** What a district was assigned and received, per fund and annuality, and what it still owes. */
export const districtFunds = async (ctx: ServiceContext, actor: Actor, district: string) => {
  requirePermission(actor, 'funds.read');
  requireDistrict(actor, district);
  await requireKnownDistrict(ctx, district);
  const rows = await totalsOfDistrict(ctx.database.db, district);
  return rows.map(({ t, name, rule75 }) => {
    const totals = { assigned: cents(t.assigned), disbursed: cents(t.disbursed), reported: cents(t.reported), recognised: cents(t.recognised) };
    return {
      fund: t.fundCode,
      fundName: name,
      rule75,
      annuality: t.annuality,
      assigned: toNumber(totals.assigned),
      disbursed: toNumber(totals.disbursed),
      reported: toNumber(totals.reported),
      recognised: toNumber(totals.recognised),
      residual: toNumber(residualOf(totals)),
      toDisburse: toNumber(toDisburseOf(totals)),
      expenseLines: t.expenseLines,
    };
  });
};

/**
 * The draft a line goes into, created if there is none, under the report's lock (the caller
 * holds it). The audit entry of a new draft is the caller's, after its own writes: the audit
 * head is the last lock of a write.
 */
const draftReport = async (tx: Tx, district: string, year: number): Promise<{ report: ReportRow; created: boolean }> => {
  const draft = await reports.ensureReport(tx, district, year);
  if (draft.report.status === 'submitted') {
    throw conflict('report.submitted', `Il rendiconto ${year} del distretto ${district} è già stato inviato: le spese inviate si correggono con una richiesta di rettifica`);
  }
  return draft;
};

const auditDraft = (ctx: ServiceContext, tx: Tx, actor: Actor, district: string, year: number, created: boolean) =>
  created ? recordChange(ctx, tx, actor, { action: 'report.draft', entityType: 'expense_report', entityId: `${district}/${year}`, after: { status: 'draft' } }) : Promise.resolve();

const lockReport = (tx: Tx, district: string, year: number) => lockLimit(tx, { limit: 'expense_report', district, year });

/** Locks the report a district's line belongs to, before the line is read for a change. */
const lockReportOfLine = async (tx: Tx, district: string, lineId: number) => {
  const year = await reports.reportYearOfLine(tx, district, lineId);
  if (year !== undefined) await lockReport(tx, district, year);
};

const duplicateDocument = (district: string, document: string) => conflict('expense.duplicate', `Il documento "${document}" è già registrato per il distretto ${district}`);

const lineView = (l: ExpenseLineRow) => ({
  id: l.id,
  document: l.document,
  fund: l.fundCode,
  annuality: l.annuality,
  area: l.area,
  description: l.description,
  amount: toNumber(cents(l.amount)),
  paidOn: l.paidOn,
  recognised: l.recognised === null ? null : toNumber(cents(l.recognised)),
  rejectionReason: l.rejectionReason,
  submitted: l.submitted,
  // a draft line is not verified yet: pending like a submitted one nobody has looked at
  verification: storedVerification({ amount: cents(l.amount), recognised: l.recognised === null ? null : cents(l.recognised), rejectionReason: l.rejectionReason }).status,
  /** the acknowledgement act that closed the line's verification: the district sees the outcome line by line */
  acknowledgedActId: l.acknowledgedActId,
});

export const getReport = async (ctx: ServiceContext, actor: Actor, district: string, year: number, request: PageRequest) => {
  requirePermission(actor, 'funds.read');
  requireDistrict(actor, district);
  await requireKnownDistrict(ctx, district);
  const db = ctx.database.db;
  const report = await reports.findReport(db, district, year);
  const today = romeDate(ctx.now());
  const { limit, offset } = page(request);
  const lines = await reports.reportLines(db, report?.id, limit, offset);
  const totals = await reports.reportCount(db, report?.id);
  return {
    district,
    year,
    status: report?.status ?? ('none' as const),
    deadline: reportDeadline(year),
    deadlineStatus: deadlineStatus(year, today),
    submittedOn: report?.submittedOn ?? null,
    late: report?.late ?? null,
    daysLate: report?.daysLate ?? null,
    lineCount: totals.lines,
    total: totals.total,
    /** the receipt of the submission, once submitted */
    receipt: report?.status === 'submitted' ? await submissionReceiptOf(db, report.id) : null,
    lines: { items: lines.map(lineView), total: totals.lines, page: request.page, pageSize: limit },
  };
};

export interface ExpenseInput {
  document: string;
  fund: string;
  annuality: number;
  area: string;
  description: string;
  amount: Cents;
  paidOn: string;
}

const checkExpense = async (tx: Tx, district: string, year: number, input: ExpenseInput, excludeId?: number) => {
  requirePositiveAmount(input.amount, 'della spesa');
  const paidOn = parseCalendarDate(input.paidOn);
  if (!paidOn) throw invalid('date.invalid', `Data di pagamento non valida: "${input.paidOn}"`);
  if (yearOf(paidOn) !== year) throw invalid('expense.wrong_year', `La spesa è pagata nel ${yearOf(paidOn)}: va nel rendiconto di quell'anno, non del ${year}`);
  if (!input.document.trim()) throw invalid('expense.document_missing', 'Indicare il riferimento del documento di spesa');
  if (!input.area.trim()) throw invalid('expense.area_missing', "Indicare l'area di intervento");
  if (!(await findAnnuality(tx, input.fund, input.annuality))) throw invalid('fund_annuality.not_found', `Annualità ${input.annuality} del fondo ${input.fund} non registrata`);
  const holder = await reports.lineOfDocument(tx, district, input.document.trim());
  if (holder !== undefined && holder !== excludeId) throw duplicateDocument(district, input.document.trim());
  return paidOn;
};

/** A line typed into the draft: stored at once, so nothing typed is lost. */
export const addExpenseLine = async (ctx: ServiceContext, actor: Actor, district: string, year: number, input: ExpenseInput) => {
  requirePermission(actor, 'funds.report');
  requireDistrict(actor, district);
  await requireKnownDistrict(ctx, district);
  return ctx.database.db.transaction(async (tx) => {
    await lockReport(tx, district, year);
    const { report, created } = await draftReport(tx, district, year);
    const paidOn = await checkExpense(tx, district, year, input);
    const row = { districtCode: district, document: input.document.trim(), fundCode: input.fund, annuality: input.annuality, area: input.area.trim(), description: input.description.trim(), amount: input.amount, paidOn, reportId: report.id, submitted: false };
    // the document may be taken at this moment by a line of another year's report of the district
    const [line] = await reports.insertLines(tx, [row]);
    if (!line) throw duplicateDocument(district, row.document);
    await auditDraft(ctx, tx, actor, district, year, created);
    await recordChange(ctx, tx, actor, { action: 'expense_line.draft_add', entityType: 'expense_line', entityId: line.id, after: lineView(line) });
    return lineView(line);
  });
};

const draftLine = async (tx: Tx, district: string, lineId: number) => {
  const line = await reports.findDistrictLine(tx, district, lineId);
  if (!line) throw notFound('expense.not_found', `Spesa ${lineId} non trovata`);
  if (line.submitted) throw conflict('expense.submitted', 'La spesa è già stata inviata: si corregge con una richiesta di rettifica');
  return line;
};

export const updateExpenseLine = async (ctx: ServiceContext, actor: Actor, district: string, year: number, lineId: number, input: ExpenseInput) => {
  requirePermission(actor, 'funds.report');
  requireDistrict(actor, district);
  return ctx.database.db.transaction(async (tx) => {
    await lockReportOfLine(tx, district, lineId);
    const before = await draftLine(tx, district, lineId);
    const paidOn = await checkExpense(tx, district, year, input, lineId);
    const after = await reports.updateLine(tx, lineId, { document: input.document.trim(), fundCode: input.fund, annuality: input.annuality, area: input.area.trim(), description: input.description.trim(), amount: input.amount, paidOn });
    await recordChange(ctx, tx, actor, { action: 'expense_line.draft_update', entityType: 'expense_line', entityId: lineId, before: lineView(before), after: lineView(after) });
    return lineView(after);
  });
};

export const deleteExpenseLine = async (ctx: ServiceContext, actor: Actor, district: string, lineId: number) => {
  requirePermission(actor, 'funds.report');
  requireDistrict(actor, district);
  await ctx.database.db.transaction(async (tx) => {
    await lockReportOfLine(tx, district, lineId);
    const before = await draftLine(tx, district, lineId);
    await reports.deleteLine(tx, lineId);
    await recordChange(ctx, tx, actor, { action: 'expense_line.draft_delete', entityType: 'expense_line', entityId: lineId, before: lineView(before) });
  });
};

export interface UploadedFile {
  name: string;
  source: ByteSource;
}

export type UploadResult =
  | { ok: true; receipt: { id: number; at: string; actor: string; district: string; year: number; files: { name: string; sha256: string; bytes: number; lines: number }[]; stored: number; amount: number } }
  | { ok: false; errors: string[]; count: number };

/**
 * An upload (CSV or XLSX with the columns of spese.csv) into the draft: all lines or none,
 * every error as file:line: column: message, and a receipt the district can download.
 */
export const uploadExpenses = async (ctx: ServiceContext, actor: Actor, district: string, year: number, file: UploadedFile): Promise<UploadResult> => {
  requirePermission(actor, 'funds.report');
  requireDistrict(actor, district);
  await requireKnownDistrict(ctx, district);
  const reading = readExchangeFile(expensesFile, file.source, { fileName: file.name });
  // the first 1,000 errors in full, the rest counted (a file of bad lines costs a counter)
  const errors = new ErrorList();
  const records: ExpenseRecord[] = [];
  for await (const batch of reading) {
    for (const e of batch.errors) errors.push(e);
    errors.addOmitted(batch.omitted);
    for (const r of batch.records) {
      if (r.districtCode !== district) errors.push(formatIssue({ file: file.name, line: r.line, column: 'distretto', message: `la spesa è del distretto ${r.districtCode}, non del ${district}` }));
      else if (yearOf(r.paymentDate) !== year) errors.push(formatIssue({ file: file.name, line: r.line, column: 'data_pagamento', message: `spesa pagata nel ${yearOf(r.paymentDate)}: va nel rendiconto di quell'anno, non del ${year}` }));
      else if (r.recognisedAmount !== null) errors.push(formatIssue({ file: file.name, line: r.line, column: 'importo_riconosciuto', message: "l'importo riconosciuto è stabilito dalla Regione: lasciare vuoto" }));
      else records.push(r);
      if (records.length > 200_000) throw invalid('upload.too_many', 'Il file supera le 200.000 righe: usare l’importazione dello storico');
    }
  }
  const summary = reading.summary!;
  try {
    return await ctx.database.db.transaction(async (tx) => {
      // the same file sent twice at once: the second waits here and then finds every document taken
      await lockReport(tx, district, year);
      const known = await reports.annualityKeys(tx);
      const existing = await reports.documentsOfDistrict(tx, district);
      for (const r of records) {
        if (!known.has(`${r.fundCode}/${r.annuality}`)) errors.push(formatIssue({ file: file.name, line: r.line, column: 'annualita', message: `annualità ${r.annuality} del fondo "${r.fundCode}" inesistente` }));
        if (existing.has(r.document)) errors.push(formatIssue({ file: file.name, line: r.line, column: 'documento', message: `documento "${r.document}" già registrato per il distretto` }));
      }
      if (errors.count) throw new UploadRejected(errors.lines(), errors.count);
      const { report, created } = await draftReport(tx, district, year);
      const stored = await reports.insertLines(
        tx,
        records.map((r) => ({
          districtCode: district,
          document: r.document,
          fundCode: r.fundCode,
          annuality: r.annuality,
          area: r.area,
          description: r.description,
          amount: r.amount,
          paidOn: r.paymentDate,
          reportId: report.id,
          submitted: false,
        })),
      );
      if (stored.length < records.length) {
        // taken meanwhile by a line of another of the district's reports
        const got = new Set(stored.map((l) => l.document));
        const taken = new ErrorList();
        for (const r of records) if (!got.has(r.document)) taken.push(formatIssue({ file: file.name, line: r.line, column: 'documento', message: `documento "${r.document}" già registrato per il distretto` }));
        throw new UploadRejected(taken.lines(), taken.count);
      }
      const amount = records.reduce((s, r) => s + r.amount, 0n);
      const at = ctx.now();
      const files = [{ name: summary.name, sha256: summary.sha256, bytes: summary.bytes, lines: summary.lines }];
      const receipt = await reports.insertReceipt(tx, { at, actor: actorName(actor), districtCode: district, reportId: report.id, files: { files }, stored: { spese: { added: records.length, amount: amount.toString() } } });
      await auditDraft(ctx, tx, actor, district, year, created);
      await recordChange(ctx, tx, actor, { action: 'report.upload', entityType: 'expense_report', entityId: `${district}/${year}`, after: { receipt, files, lines: records.length, amount } });
      return { ok: true as const, receipt: { id: receipt, at: at.toISOString(), actor: actorName(actor), district, year, files, stored: records.length, amount: toNumber(cents(amount)) } };
    });
  } catch (e) {
    if (e instanceof UploadRejected) return { ok: false, errors: e.errors, count: e.count };
    throw e;
  }
};

class UploadRejected extends Error {
  constructor(
    readonly errors: string[],
    readonly count: number,
  ) {
    super('upload rejected');
  }
}

/** Submits the report: its lines become reported; after 31 March of the next year it is late. */
export const submitReport = async (ctx: ServiceContext, actor: Actor, district: string, year: number) => {
  requirePermission(actor, 'funds.report');
  requireDistrict(actor, district);
  await ctx.database.db.transaction(async (tx) => {
    // no line joins or leaves the report while it is summed and marked
    await lockReport(tx, district, year);
    const report = await reports.findReport(tx, district, year);
    if (!report) throw notFound('report.not_found', `Nessun rendiconto ${year} in bozza per il distretto ${district}`);
    if (report.status === 'submitted') throw conflict('report.submitted', `Il rendiconto ${year} è già stato inviato il ${report.submittedOn}`);
    const sums = await reports.reportSums(tx, report.id);
    if (sums.length === 0) throw invalid('report.empty', 'Il rendiconto non contiene spese: aggiungerle prima di inviarlo');
    // what becomes reported bounds what the Region recognises in each fund annuality
    await lockLimits(tx, sums.map((s) => ({ limit: 'report', fund: s.fund, annuality: s.annuality, district })));
    const submittedOn = romeDate(ctx.now()) as CalendarDate;
    const late = isLate(year, submittedOn);
    const daysLate = late ? daysBetween(reportDeadline(year), submittedOn) : 0;
    for (const s of sums) await addExpenseDelta(tx, { districtCode: district, fundCode: s.fund, annuality: s.annuality }, { reported: s.amount, recognised: 0n, lines: s.lines });
    await reports.markSubmitted(tx, report.id, { submittedAt: ctx.now(), submittedOn, late, daysLate, submittedBy: actorName(actor) });
    // the receipt the district keeps: what was sent, when, by whom (a PDF from GET /api/receipts/:id/pdf)
    const totals = sums.map((s) => ({ fund: s.fund, annuality: s.annuality, amount: s.amount.toString() }));
    const receipt = await reports.insertReceipt(tx, {
      at: ctx.now(),
      actor: actorName(actor),
      districtCode: district,
      reportId: report.id,
      files: { files: [] },
      stored: { submission: { year, lines: sums.reduce((n, s) => n + s.lines, 0), amount: sums.reduce((a, s) => a + s.amount, 0n).toString(), totals, late, daysLate } },
    });
    await recordChange(ctx, tx, actor, {
      action: late ? 'report.submit_late' : 'report.submit',
      entityType: 'expense_report',
      entityId: `${district}/${year}`,
      before: { status: 'draft' },
      after: { status: 'submitted', submittedOn, late, daysLate, totals, receipt },
    });
  });
  return getReport(ctx, actor, district, year, { page: 1, pageSize: 20 });
};

/** A receipt of an import or upload; a district officer sees only its districts' receipts. */
export const getReceipt = async (ctx: ServiceContext, actor: Actor, id: number) => {
  requirePermission(actor, 'funds.read');
  const r = await reports.findReceipt(ctx.database.db, id);
  const only = visibleDistricts(actor);
  // existence of another district's receipt is private: same answer as a missing one
  if (!r || (only && (!r.districtCode || !only.includes(r.districtCode)))) throw notFound('receipt.not_found', `Ricevuta ${id} non trovata`);
  return { id: r.id, at: r.at.toISOString(), actor: r.actor, district: r.districtCode, files: r.files, stored: r.stored };
};
