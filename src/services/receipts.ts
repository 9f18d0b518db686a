/**
 * The receipts a district or the Region keeps (issue #11): every import, upload and submission
 * leaves one; listed, and downloaded as a PDF with its protocol number. A district officer sees
 * only its districts' receipts, and another's answers as a missing one.
 */
import type { ServiceContext } from './context.ts';
import type { Actor } from '../domain/auth/actor.ts';
import { requirePermission, visibleDistricts } from '../domain/auth/actor.ts';
import { notFound } from '../domain/errors.ts';
import { receiptFilesOf, receiptKindOf, receiptTotalsOf, type ReceiptKind } from '../domain/receipts.ts';
import { findReceipt } from '../db/repositories/funds/reporting.ts';
import * as receipts from '../db/repositories/receipts.ts';
import { displayNameOf } from '../db/repositories/user-names.ts';
import { receiptProtocol } from '../documents/receipt/model.ts';
import { receiptPdf } from '../documents/receipt/pdf.ts';
import { page, type PageRequest } from './paging.ts';

export interface ReceiptSummary {
  id: number;
  protocol: string;
  kind: ReceiptKind;
  at: string;
  actor: string;
  district: string | null;
  files: string[];
}

const visible = (actor: Actor, district: string | null): boolean => {
  const only = visibleDistricts(actor);
  return !only || (district !== null && only.includes(district));
};

export const listReceipts = async (ctx: ServiceContext, actor: Actor, filter: { district?: string | undefined }, request: PageRequest) => {
  requirePermission(actor, 'funds.read');
  const { limit, offset } = page(request);
  const { rows, total } = await receipts.listReceipts(ctx.database.db, visibleDistricts(actor), filter, limit, offset);
  const items: ReceiptSummary[] = rows.map((r) => ({
    id: r.id,
    protocol: receiptProtocol(r.id),
    kind: receiptKindOf(r),
    at: r.at.toISOString(),
    actor: r.actor,
    district: r.districtCode,
    files: receiptFilesOf(r).map((f) => f.name),
  }));
  return { items, total, page: request.page, pageSize: limit };
};

export const receiptDocument = async (ctx: ServiceContext, actor: Actor, id: number): Promise<{ content: Buffer; fileName: string }> => {
  requirePermission(actor, 'funds.read');
  const db = ctx.database.db;
  const r = await findReceipt(db, id);
  // existence of another district's receipt is private: same answer as a missing one
  if (!r || !visible(actor, r.districtCode)) throw notFound('receipt.not_found', `Ricevuta ${id} non trovata`);
  const districtName = r.districtCode ? await receipts.districtNameOf(db, r.districtCode) : null;
  const year = r.reportId !== null ? await receipts.reportYearOf(db, r.reportId) : null;
  const content = await receiptPdf({
    id: r.id,
    kind: receiptKindOf(r),
    at: r.at,
    actor: await displayNameOf(db, r.actor),
    district: r.districtCode ? `${r.districtCode}${districtName ? ` – ${districtName}` : ''}` : null,
    year,
    files: receiptFilesOf(r),
    totals: receiptTotalsOf(r),
    installation: `${(await receipts.regionName(db)) ?? 'Regia'} – Regia`,
  });
  return { content, fileName: `ricevuta-${receiptProtocol(r.id)}.pdf` };
};
