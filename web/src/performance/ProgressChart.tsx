/**
 * Progress per responsibility centre: a stacked bar chart of the objectives by status, and the
 * same figures in a table (the table is what assistive technology reads; the chart repeats it).
 */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useT } from '../i18n/i18n.tsx';
import { formatInteger } from '../format.ts';
import { ScoreText } from './labels.tsx';
import type { Centre } from '../../../src/contract/performance/readouts.ts';

const series = [
  { key: 'achieved', label: 'perf.status.achieved', colour: '#008758' },
  { key: 'partiallyAchieved', label: 'perf.status.partially_achieved', colour: '#cc7a00' },
  { key: 'notAchieved', label: 'perf.status.not_achieved', colour: '#d9364f' },
  { key: 'suspended', label: 'perf.status.suspended', colour: '#a9b4bf' },
] as const;

export function ProgressChart({ centres, year }: { centres: Centre[]; year: number }) {
  const t = useT();
  const rows = centres.map((c) => ({ name: c.name, ...c.progress }));
  const height = Math.max(220, 56 * centres.length + 60);
  return (
    <>
      <figure className="perf-chart" aria-labelledby="perf-chart-caption">
        <figcaption id="perf-chart-caption" className="small text-muted mb-2">
          {t('perf.progress.chartCaption', { year })}
        </figcaption>
        <div className="perf-chart-box" style={{ height }} aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={{ fill: '#1a1a1a', fontSize: 13 }} />
              <YAxis type="category" dataKey="name" width={230} tick={{ fill: '#1a1a1a', fontSize: 13 }} />
              {series.map((s) => (
                <Bar key={s.key} dataKey={s.key} stackId="status" fill={s.colour} name={t(s.label)} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
        <ul className="perf-legend" aria-hidden="true">
          {series.map((s) => (
            <li key={s.key}>
              <span className="perf-swatch" style={{ background: s.colour }} />
              {t(s.label)}
            </li>
          ))}
        </ul>
      </figure>
      <div className="table-responsive">
        <table className="table caption-top perf-table">
          <caption>{t('perf.progress.caption', { year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('perf.progress.colCentre')}</th>
              <th scope="col" className="perf-num">
                {t('perf.progress.colScore')}
              </th>
              <th scope="col" className="perf-num">
                {t('perf.progress.colObjectives')}
              </th>
              {series.map((s) => (
                <th scope="col" className="perf-num" key={s.key}>
                  {t(s.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {centres.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td className="perf-num">
                  <ScoreText score={c.score} />
                </td>
                <td className="perf-num">{formatInteger(c.progress.objectives)}</td>
                {series.map((s) => (
                  <td className="perf-num" key={s.key}>
                    {formatInteger(c.progress[s.key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
