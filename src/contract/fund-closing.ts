/**
 * Closing the cycle of a fund annuality (issue #12): the acknowledgement act of a district's
 * report, the redetermination of residuals by DD, and the ledger of receivables and recoveries.
 */
import { Type, type Static } from 'typebox';
import { recoveryKinds, settlementKinds } from '../domain/funds/receivables.ts';
import { endpoint } from './endpoint.ts';
import { ActRef, CalendarDateSchema, Code, DistrictCode, Id, Money, NonNegativeMoney, Year, problemResponses } from './common.ts';

const tags = ['Chiusura del ciclo'];

const FundAnnualityParams = Type.Object({ fund: Code, annuality: Year });
const IdParams = Type.Object({ id: Id });

/** The DD: an act already in the register (`actId`) or its number and date, registered now. */
export const DdInput = Type.Object(
  {
    actId: Type.Optional(Id),
    number: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    date: Type.Optional(CalendarDateSchema),
    subject: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { description: "l'atto (DD) già registrato, oppure numero e data per registrarlo all'adozione" },
);
export type DdInput = Static<typeof DdInput>;

export const Acknowledgement = Type.Object({
  id: Type.Integer(),
  district: Type.String(),
  fund: Type.String(),
  annuality: Type.Integer(),
  act: ActRef,
  lines: Type.Integer({ description: 'spese inviate, tutte verificate' }),
  assigned: Money,
  disbursed: Money,
  reported: Money,
  recognised: Money,
  residual: NonNegativeMoney,
  unspent: NonNegativeMoney,
  adoptedAt: Type.String(),
  adoptedBy: Type.String(),
});
export type Acknowledgement = Static<typeof Acknowledgement>;

export const acknowledgeReport = endpoint('POST', '/api/funds/:fund/annualities/:annuality/acknowledgements', {
  tags,
  summary: "Presa d'atto della rendicontazione di un distretto: solo a verifica conclusa (nessuna spesa da verificare)",
  params: FundAnnualityParams,
  body: Type.Object({ district: DistrictCode, act: DdInput }),
  response: { 201: Acknowledgement, ...problemResponses },
});

export const listAcknowledgements = endpoint('GET', '/api/funds/:fund/annualities/:annuality/acknowledgements', {
  tags,
  summary: "Le prese d'atto di un'annualità, le più recenti prima (un referente di distretto vede solo le proprie)",
  params: FundAnnualityParams,
  querystring: Type.Object({ district: Type.Optional(DistrictCode) }),
  response: { 200: Type.Array(Acknowledgement), ...problemResponses },
});

export const getAcknowledgement = endpoint('GET', '/api/acknowledgements/:id', {
  tags,
  summary: "Una presa d'atto con le somme che dichiara",
  params: IdParams,
  response: { 200: Acknowledgement, ...problemResponses },
});

const Destination = Type.Object(
  {
    district: Type.Optional(DistrictCode),
    intervention: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    amount: Money,
  },
  { description: 'un distretto (district) oppure un intervento di interesse regionale (intervention)' },
);

export const Redetermination = Type.Object({
  id: Type.Integer(),
  fund: Type.String(),
  annuality: Type.Integer(),
  from: Type.String(),
  amount: Money,
  assigned: Money,
  excess: NonNegativeMoney,
  settlement: Type.Enum(settlementKinds),
  to: Type.Array(Type.Object({ district: Type.String(), amount: Money })),
  regional: Type.Array(Type.Object({ intervention: Type.String(), amount: Money })),
  act: ActRef,
  receivableId: Type.Union([Type.Integer(), Type.Null()]),
});
export type Redetermination = Static<typeof Redetermination>;

export const redetermine = endpoint('POST', '/api/funds/:fund/annualities/:annuality/redeterminations', {
  tags,
  summary: "Rideterminazione dei residui di un distretto per DD: fino all'assegnazione non spesa, ad altri distretti o a un intervento regionale",
  params: FundAnnualityParams,
  body: Type.Object({
    from: DistrictCode,
    amount: Money,
    to: Type.Array(Destination, { minItems: 1, maxItems: 1000 }),
    settlement: Type.Enum(settlementKinds, { description: 'receivable: il distretto restituisce; offset: compensazione sulle tranche successive dello stesso fondo' }),
    act: DdInput,
  }),
  response: { 200: Redetermination, ...problemResponses },
});

const Recovery = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum(recoveryKinds),
  amount: Money,
  paidOn: Type.Union([Type.String(), Type.Null()]),
  reference: Type.Union([Type.String(), Type.Null()]),
  tranche: Type.Union([Type.Object({ id: Type.Integer(), annuality: Type.Integer(), actNumber: Type.String(), paidOn: Type.String(), amount: Money }), Type.Null()]),
});

export const Ledger = Type.Object({
  district: Type.String(),
  owed: Money,
  recovered: Money,
  outstanding: Money,
  receivables: Type.Array(
    Type.Object({
      id: Type.Integer(),
      fund: Type.String(),
      annuality: Type.Integer(),
      amount: Money,
      settlement: Type.Enum(settlementKinds),
      act: ActRef,
      recovered: Money,
      outstanding: Money,
      recoveries: Type.Array(Recovery),
    }),
  ),
});
export type Ledger = Static<typeof Ledger>;

export const getLedger = endpoint('GET', '/api/districts/:code/ledger', {
  tags,
  summary: 'Quanto deve il distretto (accertamenti) e come si sta saldando: restituzioni e compensazioni',
  params: Type.Object({ code: DistrictCode }),
  response: { 200: Ledger, ...problemResponses },
});

const RecoveryOutcome = Type.Object({ receivableId: Type.Integer(), recovered: Money, outstanding: Money });

export const recordRepayment = endpoint('POST', '/api/receivables/:id/repayments', {
  tags,
  summary: "Restituzione (anche parziale) di un accertamento, con data e riferimento del pagamento",
  params: IdParams,
  body: Type.Object({ amount: Money, paidOn: CalendarDateSchema, reference: Type.String({ maxLength: 200 }) }),
  response: { 200: RecoveryOutcome, ...problemResponses },
});

export const recordOffset = endpoint('POST', '/api/receivables/:id/offsets', {
  tags,
  summary: 'Compensazione di un accertamento su una tranche successiva dello stesso fondo (o sulle prossime, in ordine)',
  params: IdParams,
  body: Type.Object({ disbursementId: Type.Optional(Id), amount: Type.Optional(Money) }),
  response: { 200: RecoveryOutcome, ...problemResponses },
});

export const acknowledgementDocx = endpoint('GET', '/api/acknowledgements/:id/act.docx', {
  tags,
  summary: "L'atto di presa d'atto (DD) in DOCX: intestazione, VISTI, CONSIDERATO, DETERMINA con la tabella delle somme",
  produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  params: IdParams,
  response: { ...problemResponses },
});

export const acknowledgementPdf = endpoint('GET', '/api/acknowledgements/:id/act.pdf', {
  tags,
  summary: "L'atto di presa d'atto (DD) come bozza PDF",
  produces: ['application/pdf'],
  params: IdParams,
  response: { ...problemResponses },
});
