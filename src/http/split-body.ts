/** A split request as sent (src/contract/split.ts, integer cents) read into the services' own (bigint cents). */
import { cents } from '../domain/money.ts';
import type { SplitRequest } from '../services/funds/programming.ts';
import type { SplitBody } from '../contract/split.ts';

export const toSplit = (b: SplitBody): SplitRequest => {
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
