/** The acknowledgement act of an adopted acknowledgement, as DOCX or PDF draft (src/documents/acknowledgement/). */
import * as closing from '../../../db/repositories/funds/closing.ts';
import type { Actor } from '../../../domain/auth/actor.ts';
import { requirePermission, visibleDistricts } from '../../../domain/auth/actor.ts';
import { notFound } from '../../../domain/errors.ts';
import { cents } from '../../../domain/money.ts';
import type { CalendarDate } from '../../../domain/dates.ts';
import { receiptProtocol } from '../../../documents/receipt/model.ts';
import { acknowledgementFileName, type AcknowledgementActModel } from '../../../documents/acknowledgement/model.ts';
import { acknowledgementDocx } from '../../../documents/acknowledgement/docx.ts';
import { acknowledgementPdf } from '../../../documents/acknowledgement/pdf.ts';
import type { ServiceContext } from '../../context.ts';
import { actHeadingFrom } from './heading.ts';

const modelOf = async (ctx: ServiceContext, actor: Actor, id: number): Promise<AcknowledgementActModel> => {
  requirePermission(actor, 'funds.read');
  const db = ctx.database.db;
  const a = await closing.acknowledgementById(db, id);
  const only = visibleDistricts(actor);
  if (!a || (only && !only.includes(a.districtCode))) throw notFound('acknowledgement.not_found', `Presa d'atto ${id} non trovata`);
  const act = (await closing.actById(db, a.actId))!;
  const c = await closing.actCitations(db, a.districtCode, a.fundCode, a.annuality);
  const r = await closing.reportsAndOutcomes(db, { district: a.districtCode, fund: a.fundCode, annuality: a.annuality });
  const citation = (x: { type: string; number: string; date: string; subject: string }) => ({ ...x, date: x.date as CalendarDate });
  return {
    heading: actHeadingFrom(),
    act: { number: act.number, date: act.date as CalendarDate },
    district: { code: a.districtCode, name: c.district?.name ?? '', leadBody: c.district?.leadBody ?? '' },
    fund: { code: a.fundCode, name: c.fundName, annuality: a.annuality },
    decree: c.decree ? citation(c.decree) : null,
    programming: c.programming.map(citation),
    reports: r.reports.map((x) => ({ year: x.year, submittedOn: x.submittedOn as CalendarDate | null, receipts: x.receipts.map(receiptProtocol) })),
    lines: { total: r.total, recognisedInFull: r.full, rejected: r.rejected, partly: r.total - r.full - r.rejected },
    sums: { assigned: cents(a.assigned), disbursed: cents(a.disbursed), reported: cents(a.reported), recognised: cents(a.recognised), residual: cents(a.residual), unspent: cents(a.unspent) },
  };
};

export const acknowledgementActDocx = async (ctx: ServiceContext, actor: Actor, id: number) => {
  const model = await modelOf(ctx, actor, id);
  return { fileName: acknowledgementFileName(model, 'docx'), content: await acknowledgementDocx(model) };
};

export const acknowledgementActPdf = async (ctx: ServiceContext, actor: Actor, id: number) => {
  const model = await modelOf(ctx, actor, id);
  return { fileName: acknowledgementFileName(model, 'pdf'), content: await acknowledgementPdf(model) };
};
