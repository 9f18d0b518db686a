/** The annuality per district: assigned, disbursed, reported, recognised, what is left. */
import { useT } from '../i18n/i18n.tsx';
import { formatCents } from '../format.ts';
import { Link } from '../router.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import type { Compliance } from '../../../src/contract/funds.ts';
import { formatRatio, formatShare } from './util.ts';

export function DistrictTable({ c, names, id }: { c: Compliance; names: Map<string, string>; id: string }) {
  const t = useT();
  if (c.districts.length === 0) return <EmptyState text={t('funds.dashboard.noDistricts')} />;
  return (
    <div className="table-responsive">
      <table id={id} className="table caption-top table-hover table-sm funds-districts">
        <caption>{t('funds.dashboard.districtsCaption', { fund: c.fund, annuality: c.annuality })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('funds.col.district')}</th>
            <th scope="col" className="text-end">{t('funds.chain.assigned')}</th>
            <th scope="col" className="text-end">{t('funds.chain.disbursed')}</th>
            <th scope="col" className="text-end">{t('funds.chain.reported')}</th>
            <th scope="col" className="text-end">{t('funds.chain.recognised')}</th>
            <th scope="col" className="text-end">{t('funds.col.residual')}</th>
            <th scope="col" className="text-end">{t('funds.col.toDisburse')}</th>
            <th scope="col" className="text-end">{t('funds.col.progress')}</th>
          </tr>
        </thead>
        <tbody>
          {c.districts.map((d) => (
            <tr key={d.district}>
              <th scope="row">
                <Link to={`/distretti/${encodeURIComponent(d.district)}/fondi`} title={names.get(d.district)}>
                  {d.district}
                </Link>
                <span className="visually-hidden"> — {names.get(d.district) ?? ''}</span>
              </th>
              <td className="text-end">{formatCents(d.assigned)}</td>
              <td className="text-end">{formatCents(d.disbursed)}</td>
              <td className="text-end">{formatCents(d.reported)}</td>
              <td className="text-end">{formatCents(d.recognised)}</td>
              <td className="text-end">{formatCents(d.residual)}</td>
              <td className="text-end">{formatCents(d.toDisburse)}</td>
              <td className="text-end">{formatRatio(d.progress)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('funds.dashboard.total')}</th>
            <td className="text-end fw-bold">{formatCents(c.assigned)}</td>
            <td className="text-end fw-bold">{formatCents(c.disbursed)}</td>
            <td className="text-end fw-bold">{formatCents(c.reported)}</td>
            <td className="text-end fw-bold">{formatCents(c.recognised)}</td>
            <td className="text-end fw-bold">{formatCents(c.residual)}</td>
            <td className="text-end fw-bold">{formatCents(c.districts.reduce((s, d) => s + d.toDisburse, 0))}</td>
            <td className="text-end fw-bold">{formatShare(c.recognised, c.assigned)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
