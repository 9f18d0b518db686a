/**
 * The tables an officer works from, as XLSX with the filters of the page applied (issue #11,
 * "Exports"): the dashboard per district, the verification list, the acts register, corrections,
 * users, the audit log. Each answers only what its list answers to the same user.
 */
import { Type } from 'typebox';
import { endpoint } from './endpoint.ts';
import { ActTypeSchema, CalendarDateSchema, Code, FileDownload, SearchText, Year, problemResponses } from './common.ts';
import { correctionStatuses, verificationFilters } from '../domain/funds/workflow-statuses.ts';

const tags = ['Esportazioni'];
const XLSX = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
const FundAnnuality = Type.Object({ fund: Type.String({ maxLength: 40 }), annuality: Year });
const answers = { 200: FileDownload, ...problemResponses };

export const exportCompliance = endpoint('GET', '/api/exports/compliance/:fund/:annuality', {
  tags,
  summary: 'Il cruscotto per distretto di un fondo e annualità (assegnato, liquidato, rendicontato, riconosciuto, residuo), in XLSX',
  params: FundAnnuality,
  produces: XLSX,
  response: answers,
});

export const exportExpenseLines = endpoint('GET', '/api/exports/expense-lines/:fund/:annuality', {
  tags,
  summary: 'Le spese inviate di un fondo e annualità con il loro stato di verifica, con i filtri dell’elenco, in XLSX',
  params: FundAnnuality,
  querystring: Type.Object({ district: Type.Optional(Code), status: Type.Optional(Type.Enum(verificationFilters)) }),
  produces: XLSX,
  response: answers,
});

export const exportActs = endpoint('GET', '/api/exports/acts', {
  tags,
  summary: 'Il registro degli atti, con i filtri dell’elenco, in XLSX',
  querystring: Type.Object({ q: Type.Optional(SearchText), type: Type.Optional(ActTypeSchema), year: Type.Optional(Year) }),
  produces: XLSX,
  response: answers,
});

export const exportCorrections = endpoint('GET', '/api/exports/corrections', {
  tags,
  summary: 'Le richieste di rettifica, con il filtro di stato, in XLSX',
  querystring: Type.Object({ status: Type.Optional(Type.Enum(correctionStatuses)) }),
  produces: XLSX,
  response: answers,
});

export const exportUsers = endpoint('GET', '/api/exports/users', {
  tags,
  summary: 'Gli utenti con ruolo e ambito (solo amministratori), in XLSX',
  produces: XLSX,
  response: answers,
});

export const exportAudit = endpoint('GET', '/api/exports/audit', {
  tags,
  summary: 'Il registro delle attività con i filtri dell’elenco (amministratori e revisori), in XLSX',
  querystring: Type.Object({
    actor: Type.Optional(Type.String({ maxLength: 100 })),
    entityType: Type.Optional(Type.String({ maxLength: 50 })),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    from: Type.Optional(CalendarDateSchema),
    to: Type.Optional(CalendarDateSchema),
  }),
  produces: XLSX,
  response: answers,
});
