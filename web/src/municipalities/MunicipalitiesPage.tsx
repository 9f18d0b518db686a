import { useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { formatInteger } from '../format.ts';
import { Link } from '../router.tsx';
import { useEndpoint } from '../query.ts';
import { listMunicipalities } from '../../../src/contract/registry.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { Paging, ResultCount } from '../components/Paging.tsx';
import { useDistrictOptions } from '../districts/useDistrictOptions.ts';

const PAGE_SIZE = 20;

export function MunicipalitiesPage() {
  const t = useT();
  const districts = useDistrictOptions();
  const [draft, setDraft] = useState({ q: '', district: '' });
  const [filters, setFilters] = useState({ q: '', district: '' });
  const [page, setPage] = useState(1);
  const { data, error, loading } = useEndpoint(listMunicipalities, { query: { ...filters, page, pageSize: PAGE_SIZE } });

  return (
    <>
      <PageHeading title={t('municipalities.title')} />
      <p className="lead">{t('municipalities.intro')}</p>
      <FilterBar
        label={t('municipalities.title')}
        onSubmit={() => {
          setFilters({ q: draft.q.trim(), district: draft.district });
          setPage(1);
        }}
        onReset={() => {
          setDraft({ q: '', district: '' });
          setFilters({ q: '', district: '' });
          setPage(1);
        }}
      >
        <div className="col-md-6">
          <TextField id="municipalities-q" type="search" label={t('municipalities.searchLabel')} value={draft.q} onChange={(q) => setDraft({ ...draft, q })} />
        </div>
        <div className="col-md-6">
          <SelectField
            id="municipalities-district"
            label={t('municipalities.districtLabel')}
            value={draft.district}
            onChange={(district) => setDraft({ ...draft, district })}
            options={[{ value: '', label: t('municipalities.allDistricts') }, ...districts]}
          />
        </div>
      </FilterBar>
      <ErrorAlert error={error} />
      {loading && <Loading />}
      {!loading && data && data.items.length === 0 && <EmptyState text={t('municipalities.empty')} />}
      {!loading && data && data.items.length > 0 && (
        <>
          <ResultCount page={data.page} pageSize={data.pageSize} total={data.total} />
          <div className="table-responsive">
            <table className="table caption-top table-hover">
              <caption>{t('municipalities.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('municipalities.colIstat')}</th>
                  <th scope="col">{t('municipalities.colName')}</th>
                  <th scope="col">{t('municipalities.colDistrict')}</th>
                  <th scope="col" className="text-end">
                    {t('municipalities.colPopulation')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((m) => (
                  <tr key={m.istatCode}>
                    <td>{m.istatCode}</td>
                    <th scope="row">{m.name}</th>
                    <td>{m.district ? <Link to={`/distretti/${encodeURIComponent(m.district)}`}>{m.district}</Link> : t('municipalities.noDistrict')}</td>
                    <td className="text-end">{formatInteger(m.population)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Paging page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} what={t('municipalities.title')} />
        </>
      )}
    </>
  );
}
