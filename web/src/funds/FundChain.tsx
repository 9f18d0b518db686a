/** Where the money of a fund annuality is, step by step: allocated → programmed → assigned → disbursed → reported → recognised. */
import { useT } from '../i18n/i18n.tsx';
import { formatCents } from '../format.ts';
import type { Compliance } from '../../../src/contract/funds.ts';
import { formatRatio, formatShare } from './util.ts';

export function FundChain({ c }: { c: Compliance }) {
  const t = useT();
  const steps = [
    { key: 'allocated', label: t('funds.chain.allocated'), value: c.allocated, note: t('funds.chain.allocatedNote') },
    { key: 'programmed', label: t('funds.chain.programmed'), value: c.programmed, note: t('funds.chain.ofAllocated', { percent: formatShare(c.programmed, c.allocated) }) },
    { key: 'assigned', label: t('funds.chain.assigned'), value: c.assigned, note: t('funds.chain.ofAllocated', { percent: formatShare(c.assigned, c.allocated) }) },
    { key: 'disbursed', label: t('funds.chain.disbursed'), value: c.disbursed, note: t('funds.chain.ofAssigned', { percent: formatShare(c.disbursed, c.assigned) }) },
    { key: 'reported', label: t('funds.chain.reported'), value: c.reported, note: t('funds.chain.ofDisbursed', { percent: formatShare(c.reported, c.disbursed) }) },
    { key: 'recognised', label: t('funds.chain.recognised'), value: c.recognised, note: t('funds.chain.ratio', { percent: formatRatio(c.ratio) }) },
  ];
  return (
    <section aria-labelledby="chain-title" className="mb-4">
      <h2 id="chain-title" className="h3">
        {t('funds.chain.title')}
      </h2>
      <ol className="funds-chain list-unstyled row g-3 mb-2">
        {steps.map((s, i) => (
          <li key={s.key} className={`col-sm-6 col-lg-4 col-xl-2 funds-chain-step funds-chain-${s.key}`}>
            <div className="card card-bg h-100 shadow-sm">
              <div className="card-body p-3">
                <p className="small text-uppercase fw-semibold mb-1 funds-chain-head">
                  <span className="visually-hidden">{t('funds.chain.step', { n: i + 1 })} </span>
                  <span className="funds-chain-label">{s.label}</span>
                </p>
                <p className="h5 mb-1 funds-chain-amount">{formatCents(s.value)}</p>
                <p className="small mb-0">{s.note}</p>
              </div>
            </div>
          </li>
        ))}
      </ol>
      <p className="mb-0">
        {t('funds.chain.residual')} <strong>{formatCents(c.residual)}</strong>
      </p>
    </section>
  );
}
