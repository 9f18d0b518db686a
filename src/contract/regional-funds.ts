/**
 * Regional funds: budget chapters (budget law), half-yearly statements, reservations (DGR) and
 * implementing acts (DD) assigning a reservation to the districts.
 */
import { Type, type Static } from 'typebox';
import { endpoint } from './endpoint.ts';
import { ActRef, CalendarDateSchema, Code, Id, Money, NonNegativeMoney, Year, problemResponses } from './common.ts';
import { AssignmentBody, Share, SplitBody } from './split.ts';

const tags = ['Fondi regionali'];
const IdParams = Type.Object({ id: Id });

export const ChapterYear = Type.Object({
  year: Type.Integer(),
  budget: Money,
  reserved: Money,
  assigned: Money,
  available: Type.Integer({ description: 'centesimi: stanziamento − prenotato, quanto nuove prenotazioni possono ancora prendere' }),
  act: ActRef,
});
export type ChapterYear = Static<typeof ChapterYear>;

export const Chapter = Type.Object({ id: Type.Integer(), code: Type.String(), description: Type.String(), fund: Type.String(), fundName: Type.String(), years: Type.Array(ChapterYear) });
export type Chapter = Static<typeof Chapter>;

const reservationFields = {
  id: Type.Integer(),
  chapterId: Type.Integer(),
  chapterCode: Type.String(),
  fund: Type.String(),
  year: Type.Integer(),
  code: Type.String(),
  description: Type.String(),
  amount: Money,
  assigned: Money,
  available: Type.Integer({ description: 'centesimi: prenotato − assegnato, quanto i provvedimenti attuativi possono ancora assegnare' }),
  act: ActRef,
};
export const Reservation = Type.Object(reservationFields);
export type Reservation = Static<typeof Reservation>;

export const ReservationDetail = Type.Object({
  ...reservationFields,
  assignments: Type.Array(Type.Object({ district: Type.String(), amount: Money, act: Type.Object({ id: Type.Integer(), number: Type.String() }) })),
});
export type ReservationDetail = Static<typeof ReservationDetail>;

export const Statement = Type.Object({
  id: Type.Integer(),
  chapterId: Type.Integer(),
  chapterCode: Type.String(),
  year: Type.Integer(),
  semester: Type.Integer(),
  asOf: Type.String(),
  budget: Money,
  reserved: Money,
  assigned: Money,
  available: Money,
  act: Type.Union([ActRef, Type.Null()]),
  communication: Type.String(),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
});
export type Statement = Static<typeof Statement>;

export const AssignmentPreview = Type.Object({
  shares: Type.Array(Share),
  total: Money,
  reservation: Money,
  alreadyAssigned: Money,
  remaining: Money,
});
export type AssignmentPreview = Static<typeof AssignmentPreview>;

// ---- chapters (budget law) ----

export const listChapters = endpoint('GET', '/api/regional-funds/chapters', {
  tags,
  summary: 'Capitoli di spesa del bilancio regionale: stanziamento, prenotato, assegnato e disponibile per anno',
  querystring: Type.Object({ fund: Type.Optional(Code) }),
  response: { 200: Type.Array(Chapter), ...problemResponses },
});

export const createChapter = endpoint('POST', '/api/regional-funds/chapters', {
  tags,
  summary: 'Legge di bilancio: registra un capitolo di spesa con gli stanziamenti del triennio',
  body: Type.Object({
    code: Code,
    description: Type.String({ maxLength: 500 }),
    fund: Code,
    amounts: Type.Array(Type.Object({ year: Year, amount: NonNegativeMoney, actId: Id }), { maxItems: 10 }),
  }),
  response: { 201: Chapter, ...problemResponses },
});

export const getChapter = endpoint('GET', '/api/regional-funds/chapters/:id', {
  tags,
  summary: 'Un capitolo di spesa con le cifre per anno',
  params: IdParams,
  response: { 200: Chapter, ...problemResponses },
});

export const setChapterAmount = endpoint('PUT', '/api/regional-funds/chapters/:id/amounts/:year', {
  tags,
  summary: "Stanziamento del capitolo per l'anno (legge di bilancio o variazione); non inferiore al già prenotato",
  params: Type.Object({ id: Id, year: Year }),
  body: Type.Object({ amount: NonNegativeMoney, actId: Id }),
  response: { 200: Chapter, ...problemResponses },
});

// ---- half-yearly statements ----

export const listStatements = endpoint('GET', '/api/regional-funds/chapters/:id/statements', {
  tags,
  summary: 'Prospetti semestrali del budget del capitolo',
  params: IdParams,
  querystring: Type.Object({ year: Type.Optional(Year) }),
  response: { 200: Type.Array(Statement), ...problemResponses },
});

export const recordStatement = endpoint('POST', '/api/regional-funds/chapters/:id/statements', {
  tags,
  summary: 'Registra il prospetto semestrale del capitolo (cabina di regia, Reg. 26/2017 art. 4 c. 28): cifre calcolate e conservate',
  params: IdParams,
  body: Type.Object({
    year: Year,
    semester: Type.Union([Type.Literal(1), Type.Literal(2)]),
    asOf: Type.Optional(CalendarDateSchema),
    actId: Type.Optional(Id),
    communication: Type.Optional(Type.String({ maxLength: 500 })),
  }),
  response: { 201: Statement, ...problemResponses },
});

// ---- reservations (DGR) ----

export const createReservation = endpoint('POST', '/api/regional-funds/chapters/:id/reservations', {
  tags,
  summary: 'Deliberazione di finalizzazione (DGR): prenota una somma del capitolo per un intervento; Σ prenotazioni ≤ stanziamento',
  params: IdParams,
  body: Type.Object({ year: Year, code: Code, description: Type.String({ maxLength: 500 }), amount: NonNegativeMoney, actId: Id }),
  response: { 201: ReservationDetail, ...problemResponses },
});

export const listReservations = endpoint('GET', '/api/regional-funds/reservations', {
  tags,
  summary: 'Prenotazioni, con assegnato e disponibile',
  querystring: Type.Object({ chapter: Type.Optional(Id), year: Type.Optional(Year), fund: Type.Optional(Code) }),
  response: { 200: Type.Array(Reservation), ...problemResponses },
});

export const getReservation = endpoint('GET', '/api/regional-funds/reservations/:id', {
  tags,
  summary: 'Una prenotazione con le assegnazioni ai distretti',
  params: IdParams,
  response: { 200: ReservationDetail, ...problemResponses },
});

export const amendReservation = endpoint('PUT', '/api/regional-funds/reservations/:id', {
  tags,
  summary: "Modifica una prenotazione (DGR): non oltre il disponibile del capitolo, non sotto l'assegnato",
  params: IdParams,
  body: Type.Object({ amount: NonNegativeMoney, actId: Id, description: Type.Optional(Type.String({ maxLength: 500 })) }),
  response: { 200: ReservationDetail, ...problemResponses },
});

// ---- implementing acts (DD) ----

export const previewReservationAssignment = endpoint('POST', '/api/regional-funds/reservations/:id/assignments/preview', {
  tags,
  summary: 'Anteprima del riparto di una prenotazione fra i distretti (somma esatta al centesimo)',
  params: IdParams,
  body: SplitBody,
  response: { 200: AssignmentPreview, ...problemResponses },
});

export const assignReservation = endpoint('POST', '/api/regional-funds/reservations/:id/assignments', {
  tags,
  summary: 'Provvedimento attuativo (DD): assegna la prenotazione ai distretti con un criterio di riparto; Σ ≤ prenotazione',
  params: IdParams,
  body: AssignmentBody,
  response: { 201: ReservationDetail, ...problemResponses },
});
