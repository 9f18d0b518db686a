/**
 * The XLSX exports of the tables officers work from (issue #11, "Exports"): each one reads its
 * list through the list's own service, so it holds exactly what the page shows the same user
 * with the same filters, every page of it, and nothing the user may not see.
 */
import type { ServiceContext } from './context.ts';
import type { Actor } from '../domain/auth/actor.ts';
import { roleLabels } from '../domain/auth/roles.ts';
import { cents } from '../domain/money.ts';
import { formatItalianDate, romeDate, romeTime } from '../domain/dates.ts';
import { invalid } from '../domain/errors.ts';
import type { CorrectionStatus, VerificationFilter } from '../domain/funds/workflow-statuses.ts';
import type { ActType } from '../domain/acts.ts';
import { exportFileName, tableXlsx, type TableColumn } from '../documents/table-xlsx.ts';
import { compliance } from './funds/readouts.ts';
import { listCorrections, listLinesToVerify } from './funds/review.ts';
import { listActs } from './acts.ts';
import { listUsers } from './users.ts';
import { listAudit } from './audit-log.ts';
import type { AuditFilter } from '../db/repositories/audit.ts';

/** Beyond this a spreadsheet is not the tool: the officer narrows the filters. */
export const MAX_EXPORT_ROWS = 100_000;
const PAGE = 200;

export interface ExportFile {
  content: Buffer;
  fileName: string;
}

/** Every page of a paged list, in order. */
const allPages = async <T>(fetch: (page: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> => {
  const first = await fetch(1);
  if (first.total > MAX_EXPORT_ROWS) {
    throw invalid('export.too_large', `L'esportazione conterrebbe ${first.total} righe, oltre il massimo di ${MAX_EXPORT_ROWS}: restringere i filtri`);
  }
  const rows = [...first.items];
  for (let page = 2; rows.length < first.total; page++) {
    const next = await fetch(page);
    if (next.items.length === 0) break;
    rows.push(...next.items);
  }
  return rows;
};

const filterLines = (pairs: ReadonlyArray<readonly [string, string | number | undefined]>): string[] =>
  pairs.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}: ${v}`);

const romeMoment = (at: Date): string => `${formatItalianDate(romeDate(at))} ${romeTime(at)}`;

const VERIFICATION: Record<string, string> = { pending: 'Da verificare', recognised: 'Riconosciuta', partially_recognised: 'Riconosciuta in parte', rejected: 'Non riconosciuta' };
const CORRECTION: Record<string, string> = { pending: 'In attesa', accepted: 'Accolta', refused: 'Respinta' };

const file = async <Row>(ctx: ServiceContext, what: string, title: string, filters: string[], columns: TableColumn<Row>[], rows: Row[]): Promise<ExportFile> => ({
  content: await tableXlsx({ sheet: what, title, filters, columns, rows }),
  fileName: exportFileName(what, romeDate(ctx.now())),
});

export const complianceXlsx = async (ctx: ServiceContext, actor: Actor, fund: string, annuality: number) => {
  const c = await compliance(ctx, actor, fund, annuality);
  type D = (typeof c.districts)[number];
  const money = (label: string, pick: (d: D) => number): TableColumn<D> => ({ header: label, kind: 'money', value: (d) => cents(pick(d)) });
  return file(ctx, `Cruscotto ${fund} ${annuality}`, `Cruscotto per distretto – ${fund} ${annuality}`, filterLines([['Fondo', fund], ['Annualità', annuality]]), [
    { header: 'Distretto', kind: 'text', value: (d) => d.district },
    money('Assegnato', (d) => d.assigned),
    money('Liquidato', (d) => d.disbursed),
    money('Rendicontato', (d) => d.reported),
    money('Riconosciuto', (d) => d.recognised),
    money('Residuo', (d) => d.residual),
    money('Da liquidare', (d) => d.toDisburse),
    { header: 'Avanzamento', kind: 'percent', value: (d) => d.progress },
  ], [...c.districts]);
};

export const expenseLinesXlsx = async (ctx: ServiceContext, actor: Actor, fund: string, annuality: number, filter: { district?: string | undefined; status?: VerificationFilter | undefined }) => {
  const rows = await allPages((page) => listLinesToVerify(ctx, actor, { fund, annuality, ...filter }, { page, pageSize: PAGE }));
  type L = (typeof rows)[number];
  return file(ctx, `Spese ${fund} ${annuality}`, `Spese inviate – ${fund} ${annuality}`, filterLines([['Fondo', fund], ['Annualità', annuality], ['Distretto', filter.district], ['Stato', filter.status === 'pending' ? 'da verificare' : filter.status === 'verified' ? 'verificate' : undefined]]), [
    { header: 'Distretto', kind: 'text', value: (l: L) => l.district },
    { header: 'Documento', kind: 'text', value: (l: L) => l.document },
    { header: 'Area', kind: 'text', value: (l: L) => l.area },
    { header: 'Descrizione', kind: 'text', value: (l: L) => l.description, width: 40 },
    { header: 'Pagata il', kind: 'date', value: (l: L) => l.paidOn },
    { header: 'Importo', kind: 'money', value: (l: L) => cents(l.amount) },
    { header: 'Riconosciuto', kind: 'money', value: (l: L) => (l.recognised === null ? null : cents(l.recognised)) },
    { header: 'Stato', kind: 'text', value: (l: L) => VERIFICATION[l.status] ?? l.status },
    { header: 'Motivo', kind: 'text', value: (l: L) => l.reason ?? '', width: 30 },
  ], rows);
};

export const actsXlsx = async (ctx: ServiceContext, actor: Actor, filter: { q?: string | undefined; type?: ActType | undefined; year?: number | undefined }) => {
  const rows = await allPages((page) => listActs(ctx, actor, filter, { page, pageSize: PAGE }));
  type A = (typeof rows)[number];
  return file(ctx, 'Registro atti', 'Registro degli atti', filterLines([['Ricerca', filter.q], ['Tipo', filter.type], ['Anno', filter.year]]), [
    { header: 'Tipo', kind: 'text', value: (a: A) => a.type },
    { header: 'Numero', kind: 'text', value: (a: A) => a.number },
    { header: 'Data', kind: 'date', value: (a: A) => a.date },
    { header: 'Ufficio', kind: 'text', value: (a: A) => a.issuingOffice, width: 30 },
    { header: 'Oggetto', kind: 'text', value: (a: A) => a.subject, width: 60 },
    { header: 'Allegato', kind: 'text', value: (a: A) => a.attachment?.fileName ?? '' },
    { header: 'SHA-256 dell’allegato', kind: 'text', value: (a: A) => a.attachment?.sha256 ?? '', width: 66 },
  ], rows);
};

export const correctionsXlsx = async (ctx: ServiceContext, actor: Actor, status: CorrectionStatus | undefined) => {
  const rows = await allPages((page) => listCorrections(ctx, actor, status, { page, pageSize: PAGE }));
  type C = (typeof rows)[number];
  return file(ctx, 'Rettifiche', 'Richieste di rettifica', filterLines([['Stato', status ? CORRECTION[status] : undefined]]), [
    { header: 'N.', kind: 'integer', value: (c: C) => c.id },
    { header: 'Distretto', kind: 'text', value: (c: C) => c.district },
    { header: 'Documento', kind: 'text', value: (c: C) => c.line?.document ?? `spesa n. ${c.expenseLineId}` },
    { header: 'Fondo', kind: 'text', value: (c: C) => c.line?.fund ?? '' },
    { header: 'Annualità', kind: 'integer', value: (c: C) => c.line?.annuality ?? null },
    { header: 'Importo precedente', kind: 'money', value: (c: C) => (c.before?.amount === undefined ? null : cents(c.before.amount)) },
    { header: 'Nuovo importo', kind: 'money', value: (c: C) => (c.proposed.amount === undefined ? null : cents(c.proposed.amount)) },
    { header: 'Motivo', kind: 'text', value: (c: C) => c.reason, width: 40 },
    { header: 'Stato', kind: 'text', value: (c: C) => CORRECTION[c.status] ?? c.status },
    { header: 'Richiesta da', kind: 'text', value: (c: C) => c.requestedBy },
    { header: 'Richiesta il', kind: 'date', value: (c: C) => romeDate(new Date(c.requestedAt)) },
    { header: 'Decisa da', kind: 'text', value: (c: C) => c.decidedBy ?? '' },
    { header: 'Nota della decisione', kind: 'text', value: (c: C) => c.decisionNote ?? '', width: 40 },
  ], rows);
};

export const usersXlsx = async (ctx: ServiceContext, actor: Actor) => {
  const items = await listUsers(ctx, actor);
  type U = (typeof items)[number];
  return file(ctx, 'Utenti', 'Utenti', [], [
    { header: 'Utente', kind: 'text', value: (u: U) => u.username },
    { header: 'Nome', kind: 'text', value: (u: U) => u.displayName, width: 30 },
    { header: 'Ruolo', kind: 'text', value: (u: U) => roleLabels[u.role], width: 26 },
    { header: 'Distretti', kind: 'text', value: (u: U) => u.districts.join(', ') },
    { header: 'Ente', kind: 'text', value: (u: U) => u.body ?? '' },
    { header: 'Centri di responsabilità', kind: 'text', value: (u: U) => u.centres.join(', '), width: 30 },
    { header: 'Attivo', kind: 'text', value: (u: U) => (u.active ? 'sì' : 'no') },
  ], items);
};

export const auditXlsx = async (ctx: ServiceContext, actor: Actor, filter: AuditFilter) => {
  const rows = await allPages((page) => listAudit(ctx, actor, filter, { page, pageSize: PAGE }));
  type E = (typeof rows)[number];
  return file(ctx, 'Registro attività', 'Registro delle attività', filterLines([['Utente', filter.actor], ['Oggetto', filter.entityType], ['Identificativo', filter.entityId], ['Azione', filter.action], ['Dal', filter.from], ['Al', filter.to]]), [
    { header: 'N.', kind: 'integer', value: (e: E) => e.seq },
    { header: 'Data e ora (Roma)', kind: 'text', value: (e: E) => romeMoment(new Date(e.at)) },
    { header: 'Utente', kind: 'text', value: (e: E) => e.actor },
    { header: 'Azione', kind: 'text', value: (e: E) => e.action, width: 28 },
    { header: 'Oggetto', kind: 'text', value: (e: E) => e.entityType },
    { header: 'Identificativo', kind: 'text', value: (e: E) => e.entityId },
    { header: 'Prima', kind: 'text', value: (e: E) => (e.before === null || e.before === undefined ? '' : JSON.stringify(e.before)), width: 40 },
    { header: 'Dopo', kind: 'text', value: (e: E) => (e.after === null || e.after === undefined ? '' : JSON.stringify(e.after)), width: 40 },
  ], rows);
};
