/**
 * Assigned / disbursed / recognised per district as grouped bars. The chart is a picture of the
 * table that follows it (which holds every value): screen readers get a summary and the table.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useT } from '../i18n/i18n.tsx';
import { formatCents } from '../format.ts';
import type { ComplianceDistrict } from '../../../src/contract/funds.ts';

/** `€ 1,2 mln` on the axis: display only, from integer cents. */
const axisEuro = (cents: number): string => {
  if (cents === 0) return '€ 0';
  const millions = cents / 100 / 1_000_000;
  if (millions >= 1) return `€ ${millions.toFixed(1).replace('.', ',')} mln`;
  return `€ ${Math.round(cents / 100 / 1000)}k`;
};

export function DistrictChart({ districts, tableId }: { districts: ComplianceDistrict[]; tableId: string }) {
  const t = useT();
  const data = districts.map((d) => ({ district: d.district, assigned: d.assigned, disbursed: d.disbursed, recognised: d.recognised }));
  const height = 380;
  return (
    <figure className="funds-chart mb-4" aria-labelledby="funds-chart-caption" aria-describedby={tableId}>
      <figcaption id="funds-chart-caption" className="h5 mb-2">
        {t('funds.chart.caption')}
      </figcaption>
      <p className="small text-muted">{t('funds.chart.tableNote')}</p>
      <div aria-hidden="true" style={{ width: '100%', height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 16, left: 16, bottom: 40 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="district" angle={-45} textAnchor="end" interval={0} height={56} tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={axisEuro} width={90} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(value) => formatCents(Number(value))} />
            <Legend verticalAlign="top" height={32} />
            <Bar isAnimationActive={false} dataKey="assigned" name={t('funds.chain.assigned')} fill="#0066cc" />
            <Bar isAnimationActive={false} dataKey="disbursed" name={t('funds.chain.disbursed')} fill="#5c6f82" />
            <Bar isAnimationActive={false} dataKey="recognised" name={t('funds.chain.recognised')} fill="#008758" />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
