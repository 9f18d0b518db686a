import { useState } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { actRefLabel, actTypeLabel } from '../i18n/labels.ts';
import { formatBytes, formatDate } from '../format.ts';
import { useEndpoint } from '../query.ts';
import { pathOf } from '../api.ts';
import { useSession } from '../session.tsx';
import { canRecordAct } from '../roles.ts';
import { actTypes, type Act } from '../types.ts';
import * as acts from '../../../src/contract/acts.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { Paging, ResultCount } from '../components/Paging.tsx';
import { ActForm } from './ActForm.tsx';
import { AttachmentUpload } from './AttachmentUpload.tsx';
import { exportActs } from '../../../src/contract/exports.ts';
import { ExportLink } from '../components/ExportLink.tsx';

const PAGE_SIZE = 20;
const noFilters = { q: '', type: '', year: '' };

export function ActsPage() {
  const t = useT();
  const { user } = useSession();
  const writer = canRecordAct(user?.role);
  const [draft, setDraft] = useState(noFilters);
  const [filters, setFilters] = useState(noFilters);
  const [yearError, setYearError] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [formOpen, setFormOpen] = useState(false);
  const [created, setCreated] = useState<Act | null>(null);
  const [uploadFor, setUploadFor] = useState<Act | null>(null);
  // empty filters are left out of the request (withQuery, api.ts)
  const type = actTypes.find((k) => k === filters.type);
  const { data, error, loading } = useEndpoint(acts.listActs, { query: { q: filters.q, type, year: filters.year ? Number(filters.year) : undefined, page, pageSize: PAGE_SIZE } });

  const openUpload = (act: Act) => {
    setUploadFor(act);
    // Bring the panel into view and give it the keyboard, so the next step is where the user is.
    window.setTimeout(() => document.getElementById('upload-file')?.focus(), 0);
  };

  return (
    <>
      <PageHeading title={t('acts.title')} />
      <div className="mb-3">
        <ExportLink endpoint={exportActs} input={{ query: { q: filters.q || undefined, type, year: filters.year ? Number(filters.year) : undefined } }} what={t('acts.title')} />
      </div>
      <p className="lead">{t('acts.intro')}</p>
      {created && (
        <Alert fade={false} color="success" role="status">
          {t('actForm.created', { act: actRefLabel(t, created) })}
        </Alert>
      )}
      {writer && uploadFor && (
        <AttachmentUpload
          key={uploadFor.id}
          act={uploadFor}
          onUploaded={() => undefined}
          onClose={() => setUploadFor(null)}
        />
      )}
      {writer &&
        (formOpen ? (
          <ActForm
            onCreated={(act) => {
              setCreated(act);
              setFormOpen(false);
              openUpload(act);
            }}
            onCancel={() => setFormOpen(false)}
          />
        ) : (
          <Button
            color="primary"
            className="mb-4"
            onClick={() => {
              setCreated(null);
              setUploadFor(null);
              setFormOpen(true);
              window.setTimeout(() => document.getElementById('act-type')?.focus(), 0);
            }}
          >
            {t('actForm.open')}
          </Button>
        ))}
      <FilterBar
        label={t('acts.title')}
        onSubmit={() => {
          const year = draft.year.trim();
          if (year && !/^\d{4}$/.test(year)) {
            setYearError(t('acts.yearInvalid'));
            return;
          }
          setYearError(null);
          setFilters({ q: draft.q.trim(), type: draft.type, year });
          setPage(1);
        }}
        onReset={() => {
          setDraft(noFilters);
          setFilters(noFilters);
          setYearError(null);
          setPage(1);
        }}
      >
        <div className="col-md-5">
          <TextField id="acts-q" type="search" label={t('acts.searchLabel')} value={draft.q} onChange={(q) => setDraft({ ...draft, q })} />
        </div>
        <div className="col-md-4">
          <SelectField
            id="acts-type"
            label={t('acts.typeLabel')}
            value={draft.type}
            onChange={(type) => setDraft({ ...draft, type })}
            options={[{ value: '', label: t('acts.allTypes') }, ...actTypes.map((k) => ({ value: k, label: actTypeLabel(t, k) }))]}
          />
        </div>
        <div className="col-md-3">
          <TextField id="acts-year" label={t('acts.yearLabel')} value={draft.year} onChange={(year) => setDraft({ ...draft, year })} inputMode="numeric" maxLength={4} error={yearError} />
        </div>
      </FilterBar>
      <ErrorAlert error={error} />
      {loading && <Loading />}
      {!loading && data && data.items.length === 0 && <EmptyState text={t('acts.empty')} />}
      {!loading && data && data.items.length > 0 && (
        <>
          <ResultCount page={data.page} pageSize={data.pageSize} total={data.total} />
          <div className="table-responsive">
            <table className="table caption-top table-hover acts-table">
              <caption>{t('acts.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('acts.colType')}</th>
                  <th scope="col">{t('acts.colNumber')}</th>
                  <th scope="col">{t('acts.colDate')}</th>
                  <th scope="col">{t('acts.colOffice')}</th>
                  <th scope="col">{t('acts.colSubject')}</th>
                  <th scope="col">{t('acts.colAttachment')}</th>
                  {writer && <th scope="col">{t('acts.colActions')}</th>}
                </tr>
              </thead>
              <tbody>
                {data.items.map((act) => (
                  <tr key={act.id}>
                    <td>
                      <abbr title={actTypeLabel(t, act.type)}>{act.type}</abbr>
                    </td>
                    <th scope="row">{act.number}</th>
                    <td>{formatDate(act.date)}</td>
                    <td>{act.issuingOffice}</td>
                    <td>{act.subject}</td>
                    <td>
                      {act.attachment ? (
                        <a href={pathOf(acts.downloadAttachment.url, { id: act.id })}>
                          {t('acts.download', { fileName: act.attachment.fileName, size: formatBytes(act.attachment.bytes) })}
                          <span className="visually-hidden"> — {actRefLabel(t, act)}</span>
                        </a>
                      ) : (
                        <span className="text-muted">{t('acts.noAttachment')}</span>
                      )}
                    </td>
                    {writer && (
                      <td>
                        <Button color="primary" outline size="xs" onClick={() => openUpload(act)}>
                          {act.attachment ? t('acts.replace') : t('acts.attach')}
                          <span className="visually-hidden"> — {actRefLabel(t, act)}</span>
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Paging page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} what={t('acts.title')} />
        </>
      )}
    </>
  );
}
