/**
 * The eight exchange files of EXCHANGE.md, in the order of its table (which is
 * the order they are processed in): columns, key, and a row parser that turns
 * the text of one row into a typed record. Checks that need the database
 * (a district must exist, Σ limits) belong to the import service.
 *
 * Columns: every column of the table must be present in the header, except
 * `forma_gestione` and `importo_riconosciuto`, whose values may be empty anyway.
 */
import type { Cents } from '../domain/money.ts';
import type { CalendarDate } from '../domain/dates.ts';
import type { ActType } from '../db/schema/acts.ts';
import type { CsvColumn } from './csv-reader.ts';
import {
  actType,
  amount,
  annuality,
  date,
  fundSource,
  istatCode,
  managementForm,
  nonNegativeInteger,
  optionalAmount,
  optionalText,
  positiveAmount,
  requiredText,
  yesNo,
  type FieldParser,
  type FundSource,
  type ManagementForm,
} from './fields.ts';

/** What a cell holds, so that the XLSX reader can read numeric cells exactly. */
export type ColumnKind = 'text' | 'amount' | 'date' | 'integer';

export interface ColumnSpec extends CsvColumn {
  readonly kind: ColumnKind;
}

/** The act every money event cites (acts register: type, number, date). */
export interface ActReference {
  readonly type: ActType;
  readonly number: string;
  readonly date: CalendarDate;
}

interface Located {
  /** line (CSV) or row number (XLSX) the record comes from, for later messages */
  readonly line: number;
}

export interface DistrictRecord extends Located {
  readonly code: string;
  readonly name: string;
  readonly leadBody: string;
  readonly managementForm: ManagementForm | null;
}

export interface MunicipalityRecord extends Located {
  readonly istatCode: string;
  readonly name: string;
  readonly districtCode: string;
  readonly population: number;
}

export interface FundRecord extends Located {
  readonly code: string;
  readonly name: string;
  readonly source: FundSource;
  /** regola_75: the fund is one of the art. 89 funds whose tranche waits on N−2 */
  readonly rule75: boolean;
}

/** annualita.csv: A(F,Y), the sum the allocation decree gives the Region. */
export interface AnnualityRecord extends Located {
  readonly fundCode: string;
  readonly annuality: number;
  readonly amount: Cents;
  readonly act: ActReference;
}

export interface InterventionLineRecord extends Located {
  readonly fundCode: string;
  readonly annuality: number;
  readonly lineCode: string;
  readonly description: string;
  readonly amount: Cents;
  readonly act: ActReference;
}

export interface AssignmentRecord extends Located {
  readonly fundCode: string;
  readonly annuality: number;
  readonly lineCode: string;
  readonly districtCode: string;
  readonly amount: Cents;
  readonly act: ActReference;
}

export interface DisbursementRecord extends Located {
  readonly fundCode: string;
  readonly annuality: number;
  readonly districtCode: string;
  readonly amount: Cents;
  readonly date: CalendarDate;
  readonly act: ActReference;
}

export interface ExpenseRecord extends Located {
  readonly districtCode: string;
  /** the district's document reference */
  readonly document: string;
  readonly fundCode: string;
  readonly annuality: number;
  /** intervention area (social services nomenclature code) */
  readonly area: string;
  readonly description: string;
  readonly amount: Cents;
  readonly paymentDate: CalendarDate;
  /** null: not yet verified by the Region */
  readonly recognisedAmount: Cents | null;
}

export interface ColumnProblem {
  readonly column: string;
  readonly message: string;
}

export type RowResult<R> = { readonly ok: true; readonly record: R } | { readonly ok: false; readonly problems: readonly ColumnProblem[] };

export interface ExchangeFileSpec<K extends string, R> {
  /** file name as in EXCHANGE.md (`spese.csv`) */
  readonly name: `${K}.csv`;
  /** key of the file in the records of a folder (`spese`) */
  readonly key: K;
  readonly columns: readonly ColumnSpec[];
  /** columns in bold in EXCHANGE.md: two rows with the same values are a duplicate */
  readonly keyColumns: readonly string[];
  parseRow(values: Readonly<Record<string, string>>, line: number): RowResult<R>;
}

/**
 * The key of a row from its text, so that a duplicate is found even when the
 * first row is invalid for another reason; null when a key column is empty.
 * NUL cannot occur in a field we accept, so it separates the parts unambiguously.
 */
export const rowKey = (spec: { readonly keyColumns: readonly string[] }, values: Readonly<Record<string, string>>): string | null => {
  const parts = spec.keyColumns.map((c) => (values[c] ?? '').trim());
  return parts.includes('') ? null : parts.join('\u0000');
}

/**
 * Reads the fields of one row, collecting every problem instead of stopping at
 * the first, so that one run lists all the errors of a row.
 */
class RowFields {
  readonly problems: ColumnProblem[] = [];
  constructor(private readonly values: Readonly<Record<string, string>>) {}

  get<T>(column: string, parser: FieldParser<T>): T {
    const result = parser(this.values[column] ?? '');
    if (result.ok) return result.value;
    this.problems.push({ column, message: result.message });
    return undefined as T; // never used: the row is refused when a problem was found
  }

  problem(column: string, message: string): void {
    this.problems.push({ column, message });
  }

  result<R>(build: () => R): RowResult<R> {
    return this.problems.length > 0 ? { ok: false, problems: this.problems } : { ok: true, record: build() };
  }

  act(): ActReference {
    return {
      type: this.get('atto_tipo', actType),
      number: this.get('atto_numero', requiredText),
      date: this.get('atto_data', date),
    };
  }
}

const column = (name: string, kind: ColumnKind = 'text', required = true): ColumnSpec => ({ name, kind, required });
const actColumns = [column('atto_tipo'), column('atto_numero'), column('atto_data', 'date')];

export const districtsFile: ExchangeFileSpec<'distretti', DistrictRecord> = {
  name: 'distretti.csv',
  key: 'distretti',
  columns: [column('codice'), column('nome'), column('ente_capofila'), column('forma_gestione', 'text', false)],
  keyColumns: ['codice'],
  parseRow(values, line) {
    const f = new RowFields(values);
    const code = f.get('codice', requiredText);
    const name = f.get('nome', requiredText);
    const leadBody = f.get('ente_capofila', optionalText);
    const form = f.get('forma_gestione', managementForm);
    return f.result(() => ({ line, code, name, leadBody, managementForm: form }));
  },
};

export const municipalitiesFile: ExchangeFileSpec<'comuni', MunicipalityRecord> = {
  name: 'comuni.csv',
  key: 'comuni',
  columns: [column('istat'), column('nome'), column('distretto'), column('popolazione', 'integer')],
  keyColumns: ['istat'],
  parseRow(values, line) {
    const f = new RowFields(values);
    const istat = f.get('istat', istatCode);
    const name = f.get('nome', requiredText);
    const districtCode = f.get('distretto', requiredText);
    const population = f.get('popolazione', nonNegativeInteger);
    return f.result(() => ({ line, istatCode: istat, name, districtCode, population }));
  },
};

export const fundsFile: ExchangeFileSpec<'fondi', FundRecord> = {
  name: 'fondi.csv',
  key: 'fondi',
  columns: [column('codice'), column('nome'), column('fonte'), column('regola_75')],
  keyColumns: ['codice'],
  parseRow(values, line) {
    const f = new RowFields(values);
    const code = f.get('codice', requiredText);
    const name = f.get('nome', requiredText);
    const source = f.get('fonte', fundSource);
    const rule75 = f.get('regola_75', yesNo);
    return f.result(() => ({ line, code, name, source, rule75 }));
  },
};

export const annualitiesFile: ExchangeFileSpec<'annualita', AnnualityRecord> = {
  name: 'annualita.csv',
  key: 'annualita',
  columns: [column('fondo'), column('annualita', 'integer'), column('importo', 'amount'), ...actColumns],
  keyColumns: ['fondo', 'annualita'],
  parseRow(values, line) {
    const f = new RowFields(values);
    const fundCode = f.get('fondo', requiredText);
    const year = f.get('annualita', annuality);
    const allocated = f.get('importo', amount);
    const act = f.act();
    return f.result(() => ({ line, fundCode, annuality: year, amount: allocated, act }));
  },
};

export const interventionLinesFile: ExchangeFileSpec<'linee', InterventionLineRecord> = {
  name: 'linee.csv',
  key: 'linee',
  columns: [
    column('fondo'),
    column('annualita', 'integer'),
    column('linea'),
    column('descrizione'),
    column('importo', 'amount'),
    ...actColumns,
  ],
  keyColumns: ['fondo', 'annualita', 'linea'],
  parseRow(values, line) {
    const f = new RowFields(values);
    const fundCode = f.get('fondo', requiredText);
    const year = f.get('annualita', annuality);
    const lineCode = f.get('linea', requiredText);
    const description = f.get('descrizione', optionalText);
    const programmed = f.get('importo', amount);
    const act = f.act();
    return f.result(() => ({ line, fundCode, annuality: year, lineCode, description, amount: programmed, act }));
  },
};

export const assignmentsFile: ExchangeFileSpec<'assegnazioni', AssignmentRecord> = {
  name: 'assegnazioni.csv',
  key: 'assegnazioni',
  columns: [
    column('fondo'),
    column('annualita', 'integer'),
    column('linea'),
    column('distretto'),
    column('atto_numero'),
    column('importo', 'amount'),
    column('atto_tipo'),
    column('atto_data', 'date'),
  ],
  keyColumns: ['fondo', 'annualita', 'linea', 'distretto', 'atto_numero'],
  parseRow(values, line) {
    const f = new RowFields(values);
    const fundCode = f.get('fondo', requiredText);
    const year = f.get('annualita', annuality);
    const lineCode = f.get('linea', requiredText);
    const districtCode = f.get('distretto', requiredText);
    const assigned = f.get('importo', positiveAmount);
    const act = f.act();
    return f.result(() => ({ line, fundCode, annuality: year, lineCode, districtCode, amount: assigned, act }));
  },
};

export const disbursementsFile: ExchangeFileSpec<'liquidazioni', DisbursementRecord> = {
  name: 'liquidazioni.csv',
  key: 'liquidazioni',
  columns: [
    column('fondo'),
    column('annualita', 'integer'),
    column('distretto'),
    column('atto_numero'),
    column('importo', 'amount'),
    column('data', 'date'),
    column('atto_tipo'),
    column('atto_data', 'date'),
  ],
  keyColumns: ['fondo', 'annualita', 'distretto', 'atto_numero'],
  parseRow(values, line) {
    const f = new RowFields(values);
    const fundCode = f.get('fondo', requiredText);
    const year = f.get('annualita', annuality);
    const districtCode = f.get('distretto', requiredText);
    const disbursed = f.get('importo', positiveAmount);
    const paidOn = f.get('data', date);
    const act = f.act();
    return f.result(() => ({ line, fundCode, annuality: year, districtCode, amount: disbursed, date: paidOn, act }));
  },
};

export const expensesFile: ExchangeFileSpec<'spese', ExpenseRecord> = {
  name: 'spese.csv',
  key: 'spese',
  columns: [
    column('distretto'),
    column('documento'),
    column('fondo'),
    column('annualita', 'integer'),
    column('area'),
    column('descrizione'),
    column('importo', 'amount'),
    column('data_pagamento', 'date'),
    column('importo_riconosciuto', 'amount', false),
  ],
  keyColumns: ['distretto', 'documento'],
  parseRow(values, line) {
    const f = new RowFields(values);
    const districtCode = f.get('distretto', requiredText);
    const document = f.get('documento', requiredText);
    const fundCode = f.get('fondo', requiredText);
    const year = f.get('annualita', annuality);
    const area = f.get('area', requiredText);
    const description = f.get('descrizione', optionalText);
    const reported = f.get('importo', positiveAmount);
    const paymentDate = f.get('data_pagamento', date);
    const recognised = f.get('importo_riconosciuto', optionalAmount);
    // DOMAIN.md: recognised ≤ reported, line by line
    if (reported !== undefined && recognised != null && recognised > reported) {
      f.problem('importo_riconosciuto', "l'importo riconosciuto supera l'importo della spesa");
    }
    return f.result(() => ({
      line,
      districtCode,
      document,
      fundCode,
      annuality: year,
      area,
      description,
      amount: reported,
      paymentDate,
      recognisedAmount: recognised,
    }));
  },
};

/** The files of EXCHANGE.md in the order of its table: present files are processed in this order. */
export const exchangeFiles = [
  districtsFile,
  municipalitiesFile,
  fundsFile,
  annualitiesFile,
  interventionLinesFile,
  assignmentsFile,
  disbursementsFile,
  expensesFile,
] as const;

export type AnyExchangeFileSpec = (typeof exchangeFiles)[number];
export type ExchangeFileKey = AnyExchangeFileSpec['key'];
export type ExchangeFileName = AnyExchangeFileSpec['name'];

export interface ExchangeRecords {
  distretti: DistrictRecord[];
  comuni: MunicipalityRecord[];
  fondi: FundRecord[];
  annualita: AnnualityRecord[];
  linee: InterventionLineRecord[];
  assegnazioni: AssignmentRecord[];
  liquidazioni: DisbursementRecord[];
  spese: ExpenseRecord[];
}

/** The record type of a spec. */
export type RecordOf<S> = S extends ExchangeFileSpec<string, infer R> ? R : never;
