/** The body of a split request (preview and assignment), shared by national and regional funds. */
import { Type } from 'typebox';
import { cents } from '../domain/money.ts';
import type { SplitRequest } from '../services/funds/programming.ts';

const Money = Type.Integer({ minimum: 0, description: 'centesimi di euro' });
const Code = Type.String({ minLength: 1, maxLength: 40 });
const Percent = Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.String({ maxLength: 10 })]);

export const SplitBody = Type.Union([
  Type.Object({ criterion: Type.Literal('population'), amount: Money }),
  Type.Object({ criterion: Type.Literal('fixed_plus_population'), amount: Money, fixedPercent: Percent }),
  Type.Object({ criterion: Type.Literal('manual_percent'), amount: Money, percents: Type.Array(Type.Object({ district: Code, percent: Percent }), { maxItems: 1000 }) }),
  Type.Object({ criterion: Type.Literal('amounts'), amounts: Type.Array(Type.Object({ district: Code, amount: Money }), { maxItems: 1000 }) }),
]);

export type SplitJson =
  | { criterion: 'population'; amount: number }
  | { criterion: 'fixed_plus_population'; amount: number; fixedPercent: number | string }
  | { criterion: 'manual_percent'; amount: number; percents: { district: string; percent: number | string }[] }
  | { criterion: 'amounts'; amounts: { district: string; amount: number }[] };

export const toSplit = (b: SplitJson): SplitRequest => {
  switch (b.criterion) {
    case 'population':
      return { criterion: 'population', amount: cents(b.amount) };
    case 'fixed_plus_population':
      return { criterion: 'fixed_plus_population', amount: cents(b.amount), fixedPercent: b.fixedPercent };
    case 'manual_percent':
      return { criterion: 'manual_percent', amount: cents(b.amount), percents: b.percents };
    case 'amounts':
      return { criterion: 'amounts', amounts: b.amounts.map((a) => ({ district: a.district, amount: cents(a.amount) })) };
  }
};
