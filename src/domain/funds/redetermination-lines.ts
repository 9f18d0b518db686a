/**
 * Where a redetermination's amount sits among intervention lines: assignments are per line, so the
 * sum taken from a district comes off its lines in code order, and each destination district
 * receives its share on those same lines. Every line keeps its total, so Σ assignments of a line
 * ≤ the line still holds after the act.
 */
import type { Cents } from '../money.ts';
import { ZERO, formatEuro, min, sub, sum } from '../money.ts';
import { conflict } from '../errors.ts';

export interface LineShare {
  readonly line: string;
  readonly amount: Cents;
}

export interface LineMoves<K> {
  /** what comes off each line of the source district */
  readonly taken: LineShare[];
  /** what each destination gets on each line, in the destinations' order */
  readonly given: { readonly to: K; readonly line: string; readonly amount: Cents }[];
}

export const lineMoves = <K>(amount: Cents, sourceLines: readonly LineShare[], destinations: readonly { readonly to: K; readonly amount: Cents }[]): LineMoves<K> => {
  const lines = [...sourceLines].filter((l) => l.amount > 0n).sort((a, b) => (a.line < b.line ? -1 : a.line > b.line ? 1 : 0));
  const available = sum(lines.map((l) => l.amount));
  if (available < amount) {
    throw conflict('funds.redetermination.over_lines', `Le linee di intervento del distretto assegnano ${formatEuro(available)}, meno dei ${formatEuro(amount)} da rideterminare`);
  }
  const taken: LineShare[] = [];
  let left = amount;
  for (const l of lines) {
    if (left === ZERO) break;
    const t = min(left, l.amount);
    taken.push({ line: l.line, amount: t });
    left = sub(left, t);
  }
  const given: { to: K; line: string; amount: Cents }[] = [];
  let i = 0;
  let room = taken[0]?.amount ?? ZERO;
  for (const d of destinations) {
    let need = d.amount;
    while (need > 0n && i < taken.length) {
      const g = min(need, room);
      if (g > 0n) given.push({ to: d.to, line: taken[i]!.line, amount: g });
      need = sub(need, g);
      room = sub(room, g);
      if (room === ZERO) room = taken[++i]?.amount ?? ZERO;
    }
  }
  return { taken, given };
};
