import { useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { managementFormLabel } from '../i18n/labels.ts';
import { formatInteger } from '../format.ts';
import { Link } from '../router.tsx';
import { useEndpoint } from '../query.ts';
import { listDistricts } from '../../../src/contract/registry.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { TextField } from '../components/Fields.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { Paging, ResultCount } from '../components/Paging.tsx';

const PAGE_SIZE = 20;

export function DistrictsPage() {
  const t = useT();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { data, error, loading } = useEndpoint(listDistricts, { query: { q, page, pageSize: PAGE_SIZE } });

  return (
    <>
      <PageHeading title={t('districts.title')} />
      <p className="lead">{t('districts.intro')}</p>
      <FilterBar
        label={t('districts.title')}
        onSubmit={() => {
          setQ(draft.trim());
          setPage(1);
        }}
        onReset={() => {
          setDraft('');
          setQ('');
          setPage(1);
        }}
      >
        <div className="col-md-8 col-lg-6">
          <TextField id="districts-q" type="search" label={t('districts.searchLabel')} value={draft} onChange={setDraft} />
        </div>
      </FilterBar>
      <ErrorAlert error={error} />
      {loading && <Loading />}
      {!loading && data && data.items.length === 0 && <EmptyState text={t('districts.empty')} />}
      {!loading && data && data.items.length > 0 && (
        <>
          <ResultCount page={data.page} pageSize={data.pageSize} total={data.total} />
          <div className="table-responsive">
            <table className="table caption-top table-hover">
              <caption>{t('districts.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('districts.colCode')}</th>
                  <th scope="col">{t('districts.colName')}</th>
                  <th scope="col">{t('districts.colLeadBody')}</th>
                  <th scope="col">{t('districts.colManagementForm')}</th>
                  <th scope="col" className="text-end">
                    {t('districts.colMunicipalities')}
                  </th>
                  <th scope="col" className="text-end">
                    {t('districts.colPopulation')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((d) => (
                  <tr key={d.code}>
                    <td>{d.code}</td>
                    <th scope="row">
                      <Link to={`/distretti/${encodeURIComponent(d.code)}`}>{d.name}</Link>
                    </th>
                    <td>{d.leadBody || t('common.notSet')}</td>
                    <td>{managementFormLabel(t, d.managementForm)}</td>
                    <td className="text-end">{formatInteger(d.municipalityCount)}</td>
                    <td className="text-end">{formatInteger(d.population)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Paging page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} what={t('districts.title')} />
        </>
      )}
    </>
  );
}
