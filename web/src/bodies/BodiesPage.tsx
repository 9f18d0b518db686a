import { useState } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { bodyKindLabel } from '../i18n/labels.ts';
import { useEndpoint } from '../query.ts';
import { listBodies } from '../../../src/contract/registry.ts';
import { bodyKinds, isBodyKind } from '../../../src/domain/registry.ts';
import type { Body } from '../../../src/contract/registry.ts';
import { useSession } from '../session.tsx';
import { canCreateBody } from '../roles.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { Paging, ResultCount } from '../components/Paging.tsx';
import { BodyForm } from './BodyForm.tsx';
import { EmblemControl } from './EmblemControl.tsx';

const PAGE_SIZE = 20;

export function BodiesPage() {
  const t = useT();
  const { user } = useSession();
  const [draft, setDraft] = useState({ q: '', kind: '' });
  const [filters, setFilters] = useState({ q: '', kind: '' });
  const [page, setPage] = useState(1);
  const [formOpen, setFormOpen] = useState(false);
  const [created, setCreated] = useState<Body | null>(null);
  const { data, error, loading } = useEndpoint(listBodies, { query: { q: filters.q, ...(isBodyKind(filters.kind) ? { kind: filters.kind } : {}), page, pageSize: PAGE_SIZE } });

  return (
    <>
      <PageHeading title={t('bodies.title')} />
      <p className="lead">{t('bodies.intro')}</p>
      {created && (
        <Alert fade={false} color="success" role="status">
          {t('bodyForm.created', { name: created.name })}
        </Alert>
      )}
      {canCreateBody(user?.role) &&
        (formOpen ? (
          <BodyForm
            onCreated={(body) => {
              setCreated(body);
              setFormOpen(false);
            }}
            onCancel={() => setFormOpen(false)}
          />
        ) : (
          <Button color="primary" className="mb-4" onClick={() => { setCreated(null); setFormOpen(true); }}>
            {t('bodyForm.open')}
          </Button>
        ))}
      <FilterBar
        label={t('bodies.title')}
        onSubmit={() => {
          setFilters({ q: draft.q.trim(), kind: draft.kind });
          setPage(1);
        }}
        onReset={() => {
          setDraft({ q: '', kind: '' });
          setFilters({ q: '', kind: '' });
          setPage(1);
        }}
      >
        <div className="col-md-6">
          <TextField id="bodies-q" type="search" label={t('bodies.searchLabel')} value={draft.q} onChange={(q) => setDraft({ ...draft, q })} />
        </div>
        <div className="col-md-6">
          <SelectField
            id="bodies-kind"
            label={t('bodies.kindLabel')}
            value={draft.kind}
            onChange={(kind) => setDraft({ ...draft, kind })}
            options={[{ value: '', label: t('bodies.allKinds') }, ...bodyKinds.map((k) => ({ value: k, label: bodyKindLabel(t, k) }))]}
          />
        </div>
      </FilterBar>
      <ErrorAlert error={error} />
      {loading && <Loading />}
      {!loading && data && data.items.length === 0 && <EmptyState text={t('bodies.empty')} />}
      {!loading && data && data.items.length > 0 && (
        <>
          <ResultCount page={data.page} pageSize={data.pageSize} total={data.total} />
          <div className="table-responsive">
            <table className="table caption-top table-hover">
              <caption>{t('bodies.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bodies.colName')}</th>
                  <th scope="col">{t('bodies.colKind')}</th>
                  <th scope="col">{t('bodies.colTaxCode')}</th>
                  <th scope="col">{t('bodies.colDistrict')}</th>
                  <th scope="col">{t('bodies.colNotes')}</th>
                  <th scope="col">{t('bodies.colEmblem')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((b) => (
                  <tr key={b.id}>
                    <th scope="row">{b.name}</th>
                    <td>{bodyKindLabel(t, b.kind)}</td>
                    <td>{b.taxCode ?? t('common.dash')}</td>
                    <td>{b.district ?? t('common.dash')}</td>
                    <td>{b.notes ?? ''}</td>
                    <td>
                      <EmblemControl body={b} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Paging page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} what={t('bodies.title')} />
        </>
      )}
    </>
  );
}
