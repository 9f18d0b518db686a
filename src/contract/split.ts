/** The body of a split request (preview and assignment), shared by national and regional funds. */
import { Type, type Static } from 'typebox';
import { Code, NonNegativeMoney } from './common.ts';

/** A percentage as users type it: `30`, `12.5`, `"33,33"` (src/domain/funds/split.ts reads it exactly). */
export const Percent = Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.String({ maxLength: 10 })]);

export const SplitBody = Type.Union([
  Type.Object({ criterion: Type.Literal('population'), amount: NonNegativeMoney }),
  Type.Object({ criterion: Type.Literal('fixed_plus_population'), amount: NonNegativeMoney, fixedPercent: Percent }),
  Type.Object({ criterion: Type.Literal('manual_percent'), amount: NonNegativeMoney, percents: Type.Array(Type.Object({ district: Code, percent: Percent }), { maxItems: 1000 }) }),
  Type.Object({ criterion: Type.Literal('amounts'), amounts: Type.Array(Type.Object({ district: Code, amount: NonNegativeMoney }), { maxItems: 1000 }) }),
]);
export type SplitBody = Static<typeof SplitBody>;

/** A split with the act that decides it (DD). */
export const AssignmentBody = Type.Intersect([SplitBody, Type.Object({ actId: Type.Integer({ minimum: 1 }) })]);

export const Share = Type.Object({ district: Type.String(), amount: Type.Integer({ description: 'centesimi di euro' }) });
export type Share = Static<typeof Share>;
