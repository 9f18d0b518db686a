/** The per-district percentages or amounts of a manual split, shared by national and regional assignments. */
import { useT } from '../i18n/i18n.tsx';

interface Props {
  /** prefix of the inputs' ids, unique in the page */
  idPrefix: string;
  criterion: 'manual_percent' | 'amounts';
  districts: readonly string[];
  names: ReadonlyMap<string, string>;
  values: Readonly<Record<string, string>>;
  onChange: (values: Record<string, string>) => void;
  /** errors keyed `d-<district>` */
  errors: Readonly<Record<string, string | undefined>>;
}

export function DistrictSplitInputs({ idPrefix, criterion, districts, names, values, onChange, errors }: Props) {
  const t = useT();
  return (
    <div className="table-responsive mb-3">
      <table className="table table-sm caption-top">
        <caption>{t(criterion === 'amounts' ? 'funds.assign.amountsCaption' : 'funds.assign.percentsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('funds.col.district')}</th>
            <th scope="col">{t(criterion === 'amounts' ? 'funds.assign.colAmount' : 'funds.assign.colPercent')}</th>
          </tr>
        </thead>
        <tbody>
          {districts.map((d) => {
            const id = `${idPrefix}-d-${d}`;
            const error = errors[`d-${d}`];
            return (
              <tr key={d}>
                <th scope="row">
                  <label htmlFor={id} className="fw-normal mb-0">
                    {d} — {names.get(d) ?? d}
                  </label>
                </th>
                <td>
                  <input
                    id={id}
                    className={`form-control form-control-sm${error ? ' is-invalid' : ''}`}
                    value={values[d] ?? ''}
                    onChange={(e) => onChange({ ...values, [d]: e.target.value })}
                    inputMode="decimal"
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                  />
                  {error && (
                    <div id={`${id}-error`} className="invalid-feedback d-block">
                      {error}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
