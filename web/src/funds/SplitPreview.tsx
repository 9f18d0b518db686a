/**
 * The preview of a split, shared by national line assignments and regional reservation
 * assignments: each district's share to the cent, their sum, and whether it equals the amount
 * asked. What follows it (the act, the confirmation) is the caller's.
 */
import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { formatCents, formatInteger } from '../format.ts';
import type { Share } from '../../../src/contract/split.ts';
import { criterionKey, type Criterion } from './split-request.ts';

interface Props {
  /** prefix of the ids, unique in the page */
  idPrefix: string;
  title: string;
  criterion: Criterion;
  shares: readonly Share[];
  names: ReadonlyMap<string, string>;
  /** what the shares must add up to, in cents */
  expected: bigint;
  /** the heading's level under the form's own title */
  heading?: 'h3' | 'h4';
  children?: ReactNode;
}

export function SplitPreview({ idPrefix, title, criterion, shares, names, expected, heading: Heading = 'h3', children }: Props) {
  const t = useT();
  const titleId = `${idPrefix}-preview-title`;
  const sum = shares.reduce((s, x) => s + x.amount, 0);
  const matches = BigInt(sum) === expected;
  return (
    <section aria-labelledby={titleId} className="mb-3">
      <Heading id={titleId} className="h5" tabIndex={-1}>
        {title}
      </Heading>
      <div className="table-responsive funds-preview" tabIndex={0} role="region" aria-labelledby={titleId}>
        <table className="table table-sm caption-top assign-preview">
          <caption>{t('funds.assign.previewCaption', { criterion: t(criterionKey[criterion]) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('funds.col.district')}</th>
              <th scope="col">{t('funds.col.name')}</th>
              <th scope="col" className="text-end">
                {t('funds.assign.colShare')}
              </th>
            </tr>
          </thead>
          <tbody>
            {shares.map((s) => (
              <tr key={s.district}>
                <th scope="row">{s.district}</th>
                <td>{names.get(s.district) ?? ''}</td>
                <td className="text-end">{formatCents(s.amount)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t('funds.assign.sum', { count: shares.length, shown: formatInteger(shares.length) })}
              </th>
              <td className="text-end fw-bold assign-preview-sum">{formatCents(sum)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className={matches ? 'text-success fw-semibold' : 'text-danger fw-semibold'} role="status">
        {matches ? t('funds.assign.sumMatches', { amount: formatCents(sum) }) : t('funds.assign.sumDiffers', { sum: formatCents(sum), amount: formatCents(expected) })}
      </p>
      {children}
    </section>
  );
}
