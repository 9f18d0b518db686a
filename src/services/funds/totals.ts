/**
 * Running totals per district, fund and annuality: the queries live in
 * src/db/repositories/funds/totals.ts; the fund imports and the regional steps reach them here.
 */
export { refreshMoneyTotals, addExpenseDelta, type TotalsKey } from '../../db/repositories/funds/totals.ts';
