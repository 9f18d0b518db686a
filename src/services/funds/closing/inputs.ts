/** Reads the closing endpoints' loose JSON shapes (src/contract/fund-closing.ts) into the services' inputs, refusing what is neither one thing nor the other. */
import { invalid } from '../../../domain/errors.ts';
import { cents } from '../../../domain/money.ts';
import type { DdInput } from './act.ts';
import type { DestinationInput } from './redetermine.ts';

export const ddInput = (a: { actId?: number | undefined; number?: string | undefined; date?: string | undefined; subject?: string | undefined }): DdInput => {
  if (a.actId !== undefined) return { actId: a.actId };
  if (!a.number?.trim() || !a.date) throw invalid('funds.closing.act_missing', "Indicare l'atto (DD): un atto già registrato, oppure numero e data");
  return { number: a.number, date: a.date, subject: a.subject };
};

export const destinationInput = (d: { district?: string | undefined; intervention?: string | undefined; amount: number }): DestinationInput => {
  if ((d.district === undefined) === (d.intervention === undefined)) {
    throw invalid('funds.redetermination.destination_invalid', 'Ogni destinazione indica un distretto oppure un intervento di interesse regionale');
  }
  return d.district !== undefined ? { district: d.district, amount: cents(d.amount) } : { intervention: d.intervention!, amount: cents(d.amount) };
};
