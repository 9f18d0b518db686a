/** The read-outs of EXCHANGE.md over HTTP: compliance, ministerial tranche, split preview, SIOSS export. */
import { Type, type Static } from 'typebox';
import { splitCriteria } from '../domain/funds/split.ts';
import { endpoint } from './endpoint.ts';
import { Code, FileDownload, Money, NonNegativeMoney, Year, problemResponses } from './common.ts';
import { Percent, Share } from './split.ts';

const tags = ['Fondi'];

export const ComplianceDistrict = Type.Object({
  district: Type.String(),
  assigned: Money,
  disbursed: Money,
  reported: Money,
  recognised: Money,
  residual: Money,
  toDisburse: Money,
  progress: Type.Number(),
});
export type ComplianceDistrict = Static<typeof ComplianceDistrict>;

export const Compliance = Type.Object({
  fund: Type.String(),
  annuality: Type.Integer(),
  allocated: Money,
  programmed: Money,
  assigned: Money,
  disbursed: Money,
  reported: Money,
  recognised: Money,
  residual: Money,
  ratio: Type.Number(),
  districts: Type.Array(ComplianceDistrict),
});
export type Compliance = Static<typeof Compliance>;

export const Tranche = Type.Object({
  fund: Type.String(),
  year: Type.Integer(),
  gatingAnnuality: Type.Integer(),
  allocated: Money,
  recognised: Money,
  ratio: Type.Number(),
  threshold: Type.Number(),
  eligible: Type.Boolean(),
  missingToThreshold: Money,
  previousAnnuality: Type.Integer(),
  previousMissing: Money,
});
export type Tranche = Static<typeof Tranche>;

const FundAnnualityParams = Type.Object({ fund: Code, annuality: Year });

export const getCompliance = endpoint('GET', '/api/compliance/:fund/:annuality', {
  tags,
  summary: 'Conformità di un fondo e annualità (EXCHANGE.md); un referente di distretto vede solo i propri distretti',
  params: FundAnnualityParams,
  response: { 200: Compliance, ...problemResponses },
});

export const getTranche = endpoint('GET', '/api/tranches/:fund/:year', {
  tags,
  summary: "Tranche ministeriale dell'anno: 75% dell'annualità YEAR−2 (art. 89 c. 1 DL 34/2020)",
  params: Type.Object({ fund: Code, year: Year }),
  response: { 200: Tranche, ...problemResponses },
});

export const previewAllocation = endpoint('POST', '/api/allocations/preview', {
  tags,
  summary: 'Anteprima del riparto fra tutti i distretti (resti maggiori, al centesimo)',
  body: Type.Object({ total: NonNegativeMoney, criterion: Type.Enum(splitCriteria), fixedPercent: Type.Optional(Percent) }),
  response: { 200: Type.Object({ total: Money, criterion: Type.Enum(splitCriteria), shares: Type.Array(Share) }), ...problemResponses },
});

/** A file download (CSV or XLSX): the web links to it with pathOf. */
export const exportSioss = endpoint('GET', '/api/exports/sioss/:fund/:annuality', {
  tags,
  summary: 'Esportazione SIOSS (CSV con ; e virgola decimale, oppure XLSX)',
  params: FundAnnualityParams,
  querystring: Type.Object({ format: Type.Optional(Type.Enum(['csv', 'xlsx'] as const)) }),
  produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  response: { 200: FileDownload, ...problemResponses },
});
