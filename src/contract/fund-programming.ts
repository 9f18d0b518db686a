/**
 * National funds from decree to disbursement: the funds, the allocation decree (DM), the
 * programming lines (DGR), the transmission to the Ministry, the gating rule, the assignment of
 * a line to the districts (DD) and the disbursements.
 */
import { Type, type Static } from 'typebox';
import { fundSources } from '../domain/funds/types.ts';
import { endpoint } from './endpoint.ts';
import { ActRef, ActTypeSchema, CalendarDateSchema, Code, Id, Money, NonNegativeMoney, Year, problemResponses } from './common.ts';
import { AssignmentBody, Share, SplitBody } from './split.ts';

const tags = ['Fondi'];

const FundSourceSchema = Type.Enum(fundSources);

export const Fund = Type.Object({ code: Type.String(), name: Type.String(), source: FundSourceSchema, rule75: Type.Boolean() });

export const FundWithAnnualities = Type.Object({
  code: Type.String(),
  name: Type.String(),
  source: FundSourceSchema,
  rule75: Type.Boolean(),
  annualities: Type.Array(Type.Object({ annuality: Type.Integer(), allocated: Money })),
});
export type FundWithAnnualities = Static<typeof FundWithAnnualities>;

/** The act a stored gating rule names (JSON of src/domain/funds/gating.ts). */
const GatingAct = Type.Object({ id: Type.Optional(Type.String()), type: Type.String(), number: Type.String(), date: Type.String(), issuingOffice: Type.Optional(Type.String()) });

/** The gating rule as stored and answered: its fraction as text (JSON has no bigint). */
export const GatingRule = Type.Union([
  Type.Object({ kind: Type.Literal('none'), act: Type.Optional(GatingAct) }),
  Type.Object({
    kind: Type.Literal('recognised_share_of_earlier_annuality'),
    lag: Type.Integer(),
    threshold: Type.Object({ num: Type.String(), den: Type.String() }),
    act: Type.Optional(GatingAct),
  }),
]);
export type GatingRule = Static<typeof GatingRule>;

/** Digits, as a number or text: the domain checks the fraction itself (0 < num ≤ den). */
const FractionPart = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^\\d{1,18}$' })]);

/** A gating rule as a user sends it; the domain refuses an invalid threshold with its reason. */
export const GatingRuleInput = Type.Union([
  Type.Object({ kind: Type.Literal('none') }),
  Type.Object({
    kind: Type.Literal('recognised_share_of_earlier_annuality'),
    lag: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    threshold: Type.Object({ num: FractionPart, den: FractionPart }),
  }),
]);

export const AnnualityDetail = Type.Object({
  fund: Type.String(),
  fundName: Type.String(),
  source: FundSourceSchema,
  rule75: Type.Boolean(),
  annuality: Type.Integer(),
  allocated: Money,
  act: Type.Object({ id: Type.Integer(), type: ActTypeSchema, number: Type.String(), date: Type.String() }),
  programmed: Money,
  transmission: Type.Union([Type.Object({ transmittedOn: Type.String(), protocol: Type.String() }), Type.Null()]),
  gating: GatingRule,
  gatingAct: Type.Union([ActRef, Type.Null()], { description: "L'atto che ha stabilito la regola; null: quella predefinita del fondo" }),
  lines: Type.Array(Type.Object({ code: Type.String(), description: Type.String(), amount: Money, assigned: Money, actId: Type.Integer() })),
});
export type AnnualityDetail = Static<typeof AnnualityDetail>;
export type InterventionLine = AnnualityDetail['lines'][number];

export const DisbursementCheck = Type.Object({
  allowed: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]),
  missing: Type.Integer({ description: 'centesimi mancanti alla soglia della regola di liquidazione' }),
  toDisburse: Type.Integer({ description: "centesimi ancora da liquidare sull'assegnato" }),
});
export type DisbursementCheck = Static<typeof DisbursementCheck>;

const FundParams = Type.Object({ fund: Code });
const FundAnnualityParams = Type.Object({ fund: Code, annuality: Year });
const LineParams = Type.Object({ fund: Code, annuality: Year, line: Code });

export const listFunds = endpoint('GET', '/api/funds', {
  tags,
  summary: 'Fondi e annualità',
  response: { 200: Type.Array(FundWithAnnualities), ...problemResponses },
});

export const createFund = endpoint('POST', '/api/funds', {
  tags,
  summary: 'Registra un fondo',
  body: Type.Object({ code: Code, name: Type.String({ minLength: 1, maxLength: 200 }), source: FundSourceSchema, rule75: Type.Boolean() }),
  response: { 201: Fund, ...problemResponses },
});

export const recordAllocation = endpoint('POST', '/api/funds/:fund/annualities', {
  tags,
  summary: "Decreto di riparto: importo assegnato alla Regione per un'annualità",
  params: FundParams,
  body: Type.Object({ annuality: Year, allocated: NonNegativeMoney, actId: Id }),
  response: { 200: AnnualityDetail, ...problemResponses },
});

export const getAnnuality = endpoint('GET', '/api/funds/:fund/annualities/:annuality', {
  tags,
  summary: 'Annualità di un fondo: linee, assegnato per linea, regola di liquidazione, trasmissione',
  params: FundAnnualityParams,
  response: { 200: AnnualityDetail, ...problemResponses },
});

export const programLine = endpoint('POST', '/api/funds/:fund/annualities/:annuality/lines', {
  tags,
  summary: 'Programmazione (DGR): una linea di intervento; Σ linee ≤ importo assegnato',
  params: FundAnnualityParams,
  body: Type.Object({ code: Code, description: Type.String({ maxLength: 500 }), amount: NonNegativeMoney, actId: Id }),
  response: { 200: AnnualityDetail, ...problemResponses },
});

export const recordTransmission = endpoint('PUT', '/api/funds/:fund/annualities/:annuality/transmission', {
  tags,
  summary: 'Trasmissione della programmazione al Ministero',
  params: FundAnnualityParams,
  body: Type.Object({ transmittedOn: CalendarDateSchema, protocol: Type.String({ minLength: 1, maxLength: 100 }) }),
  response: { 200: AnnualityDetail, ...problemResponses },
});

export const setGatingRule = endpoint('PUT', '/api/funds/:fund/annualities/:annuality/gating', {
  tags,
  summary: "Regola di liquidazione ai distretti per l'annualità, stabilita da un atto",
  params: FundAnnualityParams,
  body: Type.Object({ rule: GatingRuleInput, actId: Id }),
  response: { 200: AnnualityDetail, ...problemResponses },
});

export const previewLineAssignment = endpoint('POST', '/api/funds/:fund/annualities/:annuality/lines/:line/assignments/preview', {
  tags,
  summary: 'Anteprima del riparto di una linea fra i distretti (somma esatta al centesimo)',
  params: LineParams,
  body: SplitBody,
  response: { 200: Type.Object({ shares: Type.Array(Share), total: Money }), ...problemResponses },
});

export const assignLine = endpoint('POST', '/api/funds/:fund/annualities/:annuality/lines/:line/assignments', {
  tags,
  summary: 'Assegnazione e impegno (DD) di una linea ai distretti; Σ ≤ linea',
  params: LineParams,
  body: AssignmentBody,
  response: { 200: AnnualityDetail, ...problemResponses },
});

export const checkDisbursement = endpoint('GET', '/api/funds/:fund/annualities/:annuality/disbursements/check', {
  tags,
  summary: 'Verifica preventiva: la prossima liquidazione al distretto è consentita? Se no, perché',
  params: FundAnnualityParams,
  querystring: Type.Object({ district: Code }),
  response: { 200: DisbursementCheck, ...problemResponses },
});

export const disburse = endpoint('POST', '/api/funds/:fund/annualities/:annuality/disbursements', {
  tags,
  summary: 'Liquidazione di una tranche a un distretto (DD); Σ ≤ assegnato, secondo la regola di liquidazione',
  params: FundAnnualityParams,
  body: Type.Object({ district: Code, amount: NonNegativeMoney, paidOn: CalendarDateSchema, actId: Id }),
  response: { 200: AnnualityDetail, ...problemResponses },
});
