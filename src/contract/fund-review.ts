/** The Region's side of reporting: verifying submitted expense lines, and the districts' correction requests. */
import { Type, type Static } from 'typebox';
import { correctionStatuses, verificationFilters } from '../domain/funds/workflow-statuses.ts';
import { endpoint } from './endpoint.ts';
import { Code, Id, Money, NonNegativeMoney, PageQuery, Year, pageOf, problemResponses } from './common.ts';
import { VerificationStatusSchema } from './fund-reporting.ts';

const tags = ['Fondi'];

export const VerifiedLine = Type.Object({
  id: Type.Integer(),
  district: Type.String(),
  document: Type.String(),
  fund: Type.String(),
  annuality: Type.Integer(),
  area: Type.String(),
  description: Type.String(),
  amount: Money,
  paidOn: Type.String(),
  recognised: Type.Union([Money, Type.Null()]),
  status: VerificationStatusSchema,
  reason: Type.Union([Type.String(), Type.Null()]),
  submitted: Type.Boolean(),
  acknowledgedActId: Type.Union([Type.Integer(), Type.Null()], { description: "la presa d'atto che ha chiuso la verifica della spesa" }),
});
export type VerifiedLine = Static<typeof VerifiedLine>;

const CorrectionStatusSchema = Type.Enum(correctionStatuses);

export const Correction = Type.Object({
  id: Type.Integer(),
  expenseLineId: Type.Integer(),
  district: Type.String(),
  reason: Type.String(),
  line: Type.Union([Type.Object({ document: Type.String(), fund: Type.String(), annuality: Type.Integer() }), Type.Null()], { description: 'la spesa da rettificare: documento, fondo, annualità' }),
  proposed: Type.Object({ amount: Type.Optional(Money), area: Type.Optional(Type.String()), description: Type.Optional(Type.String()) }),
  before: Type.Union([Type.Object({ amount: Type.Optional(Money), area: Type.Optional(Type.String()), description: Type.Optional(Type.String()) }), Type.Null()], { description: 'i valori della spesa quando la rettifica è stata chiesta (null per le richieste più vecchie)' }),
  status: CorrectionStatusSchema,
  requestedBy: Type.String(),
  requestedAt: Type.String(),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
});
export type Correction = Static<typeof Correction>;

const IdParams = Type.Object({ id: Id });

export const listLinesToVerify = endpoint('GET', '/api/funds/:fund/annualities/:annuality/expense-lines', {
  tags,
  summary: 'Spese inviate da verificare o verificate',
  params: Type.Object({ fund: Code, annuality: Year }),
  querystring: Type.Object({ district: Type.Optional(Code), status: Type.Optional(Type.Enum(verificationFilters)), ...PageQuery }),
  response: { 200: pageOf(VerifiedLine), ...problemResponses },
});

export const verifyExpenseLine = endpoint('POST', '/api/expense-lines/:id/verification', {
  tags,
  summary: 'Verifica di una spesa: riconosciuta in tutto, in parte, o respinta con motivo',
  params: IdParams,
  body: Type.Union([
    Type.Object({ action: Type.Literal('recognise_all') }),
    Type.Object({ action: Type.Literal('recognise_part'), recognised: NonNegativeMoney, reason: Type.Optional(Type.String({ maxLength: 500 })) }),
    Type.Object({ action: Type.Literal('reject'), reason: Type.String({ minLength: 1, maxLength: 500 }) }),
    Type.Object({ action: Type.Literal('reopen') }),
  ]),
  response: { 200: VerifiedLine, ...problemResponses },
});

export const requestCorrection = endpoint('POST', '/api/expense-lines/:id/corrections', {
  tags,
  summary: 'Richiesta di rettifica di una spesa già inviata',
  params: IdParams,
  body: Type.Object({
    amount: Type.Optional(NonNegativeMoney),
    area: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
  }),
  response: { 201: Correction, ...problemResponses },
});

export const listCorrections = endpoint('GET', '/api/corrections', {
  tags,
  summary: 'Richieste di rettifica (un referente di distretto vede le proprie)',
  querystring: Type.Object({ status: Type.Optional(CorrectionStatusSchema), ...PageQuery }),
  response: { 200: pageOf(Correction), ...problemResponses },
});

export const decideCorrection = endpoint('POST', '/api/corrections/:id/decision', {
  tags,
  summary: 'La Regione accoglie o respinge una richiesta di rettifica',
  params: IdParams,
  body: Type.Object({ accept: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 1000 })) }),
  response: { 200: Correction, ...problemResponses },
});
