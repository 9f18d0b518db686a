/**
 * Disbursement gating (DOMAIN.md "Disbursement gating"): whether the next tranche to a
 * district may be released. The rule, its parameters and the act that set them are
 * data, stored per fund annuality; this file only interprets them.
 */
import type { Cents } from '../money.ts';
import { ZERO, ceilFraction, formatEuro, max, sub } from '../money.ts';
import { invalid } from '../errors.ts';
import { parseCalendarDate } from '../dates.ts';
import type { ActRef, ActType, Annuality, DistrictCode, Fund, FundCode } from './types.ts';
import { formatActRef } from './types.ts';

/** An exact fraction, e.g. 3/4. */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

export type GatingRule =
  | { readonly kind: 'none'; readonly act?: ActRef }
  | {
      readonly kind: 'recognised_share_of_earlier_annuality';
      /** How many annualities back: the tranche of annuality Y waits on Y − lag. */
      readonly lag: number;
      /** Share of the earlier assignment that must be recognised. */
      readonly threshold: Fraction;
      readonly act?: ActRef;
    };

export const NO_GATING: GatingRule = Object.freeze({ kind: 'none' });

/**
 * A recognised-share rule, with the defaults of the art. 89 funds: the next tranche to
 * district d for annuality Y is released only if d's recognised expense on Y−2 is ≥ 75%
 * of its assignment for Y−2 (art. 89 c. 1 DL 34/2020, passed on to the districts).
 */
export const recognisedShareRule = (params: { lag?: number; threshold?: Fraction; act?: ActRef } = {}): GatingRule => {
  const rule: GatingRule = {
    kind: 'recognised_share_of_earlier_annuality',
    lag: params.lag ?? 2,
    threshold: params.threshold ?? { num: 3n, den: 4n },
    ...(params.act ? { act: params.act } : {}),
  };
  validateGatingRule(rule);
  return rule;
};

/** The rule a fund annuality starts with: the 75% rule for the art. 89 funds, none otherwise. */
export const defaultGatingRule = (fund: Pick<Fund, 'rule75'>): GatingRule => (fund.rule75 ? recognisedShareRule() : NO_GATING);

export const validateGatingRule = (rule: GatingRule): void => {
  if (rule.kind === 'none') return;
  if (!Number.isInteger(rule.lag) || rule.lag < 1 || rule.lag > 10) {
    throw invalid('funds.gating.lag_invalid', `Scarto di annualità non valido: ${rule.lag} (da 1 a 10)`);
  }
  const { num, den } = rule.threshold;
  if (den <= 0n || num <= 0n || num > den) {
    throw invalid('funds.gating.threshold_invalid', `Soglia non valida: ${num}/${den} (una frazione tra 0 escluso e 1)`);
  }
};

/** The annuality a tranche of `annuality` waits on, or null when the rule gates nothing. */
export const earlierAnnualityOf = (rule: GatingRule, annuality: Annuality): Annuality | null =>
  rule.kind === 'none' ? null : ((annuality - rule.lag) as Annuality);

/** `75%`, `66,67%`. */
export const formatFractionPercent = (f: Fraction): string => {
  const hundredths = (f.num * 10_000n * 2n + f.den) / (2n * f.den); // rounded half up
  const decimals = hundredths % 100n;
  return `${hundredths / 100n}${decimals === 0n ? '' : ',' + decimals.toString().padStart(2, '0')}%`;
};

export interface GatingContext {
  readonly fund: FundCode;
  readonly district: DistrictCode;
  /** The annuality whose tranche is about to be disbursed. */
  readonly annuality: Annuality;
  /** The district's assignment and recognised expense per annuality of the fund; absent = nothing assigned. */
  readonly figures: ReadonlyMap<number, { readonly assigned: Cents; readonly recognised: Cents }>;
}

export type GatingOutcome = { readonly allowed: true } | { readonly allowed: false; readonly reason: string; readonly missing: Cents };

export const evaluateGating = (rule: GatingRule, context: GatingContext): GatingOutcome => {
  if (rule.kind === 'none') return { allowed: true };
  validateGatingRule(rule);
  const earlier = (context.annuality - rule.lag) as Annuality;
  const f = context.figures.get(earlier) ?? { assigned: ZERO, recognised: ZERO };
  const required = ceilFraction(f.assigned, rule.threshold.num, rule.threshold.den);
  if (f.recognised >= required) return { allowed: true };
  const missing = max(sub(required, f.recognised), ZERO);
  const percent = formatFractionPercent(rule.threshold);
  return {
    allowed: false,
    missing,
    reason:
      `Liquidazione non consentita al distretto ${context.district} sul fondo ${context.fund} annualità ${context.annuality}: ` +
      `la spesa riconosciuta sull'annualità ${earlier} (${formatEuro(f.recognised)}) è inferiore al ${percent} dell'assegnato ` +
      `(${formatEuro(required)} su ${formatEuro(f.assigned)}); mancano ${formatEuro(missing)}` +
      (rule.act ? ` (regola stabilita con ${formatActRef(rule.act)})` : ''),
  };
};

// ---- the rule as stored data (JSON has no bigint) ----

export type GatingRuleJson =
  | { kind: 'none'; act?: ActRefJson }
  | { kind: 'recognised_share_of_earlier_annuality'; lag: number; threshold: { num: string; den: string }; act?: ActRefJson };

type ActRefJson = { id?: string; type: string; number: string; date: string; issuingOffice?: string };

export const gatingRuleToJson = (rule: GatingRule): GatingRuleJson => {
  const act = rule.act ? { act: { ...rule.act } as ActRefJson } : {};
  return rule.kind === 'none'
    ? { kind: 'none', ...act }
    : {
        kind: rule.kind,
        lag: rule.lag,
        threshold: { num: rule.threshold.num.toString(), den: rule.threshold.den.toString() },
        ...act,
      };
};

const ACT_TYPES: readonly ActType[] = ['DM', 'DGR', 'DD', 'CDA', 'DECRETO', 'LEGGE', 'ALTRO'];

const bad = (what: string) => invalid('funds.gating.rule_invalid', `Regola di liquidazione non valida: ${what}`);

const parseInteger = (v: unknown, what: string): bigint => {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^\d+$/.test(v)) return BigInt(v);
  throw bad(`${what} deve essere un intero`);
};

const parseAct = (v: unknown): ActRef => {
  if (typeof v !== 'object' || v === null) throw bad('atto mancante o non valido');
  const a = v as Record<string, unknown>;
  if (typeof a.type !== 'string' || !(ACT_TYPES as readonly string[]).includes(a.type)) throw bad(`tipo di atto "${String(a.type)}"`);
  if (typeof a.number !== 'string' || a.number.trim() === '') throw bad("numero dell'atto mancante");
  const date = typeof a.date === 'string' ? parseCalendarDate(a.date) : null;
  if (!date) throw bad(`data dell'atto "${String(a.date)}"`);
  return {
    type: a.type as ActType,
    number: a.number,
    date,
    ...(typeof a.id === 'string' ? { id: a.id } : {}),
    ...(typeof a.issuingOffice === 'string' ? { issuingOffice: a.issuingOffice } : {}),
  };
};

/** Reads a stored rule back, refusing anything that is not a valid rule. */
export const parseGatingRule = (value: unknown): GatingRule => {
  if (typeof value !== 'object' || value === null) throw bad('non è un oggetto');
  const v = value as Record<string, unknown>;
  const act = v.act === undefined || v.act === null ? {} : { act: parseAct(v.act) };
  if (v.kind === 'none') return { kind: 'none', ...act };
  if (v.kind !== 'recognised_share_of_earlier_annuality') throw bad(`tipo "${String(v.kind)}"`);
  const threshold = v.threshold as Record<string, unknown> | undefined;
  if (typeof threshold !== 'object' || threshold === null) throw bad('soglia mancante');
  const lag = v.lag === undefined ? 2 : Number(parseInteger(v.lag, 'lo scarto di annualità'));
  return recognisedShareRule({
    lag,
    threshold: { num: parseInteger(threshold.num, 'il numeratore'), den: parseInteger(threshold.den, 'il denominatore') },
    ...act,
  });
};
