/** Italian (or English) labels for the API's codes: roles, act types, body kinds, management forms. */
import { formatDate } from '../format.ts';
import type { Translate } from './i18n.tsx';
import { catalogs, type MessageKey } from './messages.ts';
import type { ActRef, BodyKind, Role } from '../types.ts';

const isKey = (key: string): key is MessageKey => key in catalogs.it;

/** A label for `prefix.code`, or the code itself when the catalog does not know it yet. */
const labelOf = (t: Translate, prefix: string, code: string): string => {
  const key = `${prefix}.${code}`;
  return isKey(key) ? t(key) : code;
};

export const roleLabel = (t: Translate, role: Role | string): string => labelOf(t, 'role', role);
export const bodyKindLabel = (t: Translate, kind: BodyKind | string): string => labelOf(t, 'bodyKind', kind);
export const entityTypeLabel = (t: Translate, type: string): string => labelOf(t, 'entity', type);
export const auditActionLabel = (t: Translate, action: string): string => labelOf(t, 'auditAction', action);
/** Entity types the server records today (src/services/*: recordChange). */
export const entityTypes = ['act', 'assignment', 'body', 'disbursement', 'district', 'expense_lines', 'fund', 'fund_annuality', 'import', 'intervention_line', 'municipality', 'user'] as const;
export const actTypeLabel = (t: Translate, type: string): string => labelOf(t, 'actType', type);

/** Districts' management form, stored as in EXCHANGE.md (consorzio, convenzione, …). */
const managementForms: Record<string, string> = {
  consorzio: 'consorzio',
  consortium: 'consorzio',
  convenzione: 'convenzione',
  convention: 'convenzione',
  unione: 'unione',
  union: 'unione',
  comune: 'comune',
  municipality: 'comune',
  altro: 'altro',
  other: 'altro',
};

export const managementFormLabel = (t: Translate, form: string | null | undefined): string => {
  if (!form) return t('managementForm.none');
  const code = managementForms[form.toLowerCase()];
  return code ? labelOf(t, 'managementForm', code) : form;
};

/** `DGR n. 123 del 07/04/2022` — how the users cite an act. */
export const actRefLabel = (t: Translate, act: Pick<ActRef, 'type' | 'number' | 'date'>): string =>
  t('acts.ref', { type: act.type, number: act.number, date: formatDate(act.date) });
