import { Fragment, useState } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { actRefLabel, auditActionLabel, entityTypeLabel, entityTypes } from '../i18n/labels.ts';
import { formatDateTime, formatInteger } from '../format.ts';
import { useEndpoint } from '../query.ts';
import { call } from '../api.ts';
import * as audit from '../../../src/contract/audit.ts';
import type { AuditVerification } from '../../../src/contract/audit.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { Paging, ResultCount } from '../components/Paging.tsx';
import { exportAudit } from '../../../src/contract/exports.ts';
import { ExportLink } from '../components/ExportLink.tsx';

const PAGE_SIZE = 20;
const noFilters = { actor: '', entityType: '', action: '', from: '', to: '' };

function Json({ value }: { value: unknown }) {
  const t = useT();
  if (value === null || value === undefined) return <p className="text-muted mb-0">{t('audit.nothing')}</p>;
  return <pre className="audit-json mb-0">{JSON.stringify(value, null, 2)}</pre>;
}

function Verify() {
  const t = useT();
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setFailure(null);
    setResult(null);
    try {
      setResult(await call(audit.verifyAudit, {}));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="mb-4">
      <Button color="primary" onClick={run} disabled={busy}>
        {busy ? t('audit.verifying') : t('audit.verify')}
      </Button>
      <div aria-live="polite" className="mt-3 verify-result">
        <ErrorAlert error={failure} />
        {result && (
          <Alert fade={false} color={result.intact ? 'success' : 'danger'}>
            <h2 className="h5">{t('audit.verifyTitle')}</h2>
            <p className="mb-1">
              {result.intact
                ? t('audit.intact', { entries: formatInteger(result.entries) })
                : t('audit.broken', { seq: result.firstBroken ?? '?', entries: formatInteger(result.entries) })}
            </p>
            {result.message && <p className="mb-0">{result.message}</p>}
          </Alert>
        )}
      </div>
    </div>
  );
}

/** The append-only audit trail (DOMAIN.md "Money, dates, acts"): who, when, what, before/after. */
export function AuditPage() {
  const t = useT();
  const [draft, setDraft] = useState(noFilters);
  const [filters, setFilters] = useState(noFilters);
  const [dateError, setDateError] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Set<number>>(new Set());
  // empty filters are left out of the request (withQuery, api.ts)
  const { data, error, loading } = useEndpoint(audit.listAudit, { query: { ...filters, page, pageSize: PAGE_SIZE } });
  const set = (field: keyof typeof noFilters) => (value: string) => setDraft({ ...draft, [field]: value });
  const toggle = (seq: number) => {
    const next = new Set(open);
    if (next.has(seq)) next.delete(seq);
    else next.add(seq);
    setOpen(next);
  };

  return (
    <>
      <PageHeading title={t('audit.title')} />
      <div className="mb-3">
        <ExportLink endpoint={exportAudit} input={{ query: { ...filters } }} what={t('audit.title')} />
      </div>
      <p className="lead">{t('audit.intro')}</p>
      <Verify />
      <FilterBar
        label={t('audit.title')}
        onSubmit={() => {
          if (draft.from && draft.to && draft.from > draft.to) {
            setDateError(t('audit.dateInvalid'));
            return;
          }
          setDateError(null);
          setFilters({ ...draft, actor: draft.actor.trim(), entityType: draft.entityType.trim(), action: draft.action.trim() });
          setPage(1);
        }}
        onReset={() => {
          setDraft(noFilters);
          setFilters(noFilters);
          setDateError(null);
          setPage(1);
        }}
      >
        <div className="col-md-4">
          <TextField id="audit-actor" label={t('audit.actor')} value={draft.actor} onChange={set('actor')} />
        </div>
        <div className="col-md-4">
          <SelectField
            id="audit-entityType"
            label={t('audit.entityType')}
            value={draft.entityType}
            onChange={set('entityType')}
            options={[{ value: '', label: t('audit.allEntityTypes') }, ...entityTypes.map((e) => ({ value: e, label: entityTypeLabel(t, e) }))]}
          />
        </div>
        <div className="col-md-4">
          <TextField id="audit-action" label={t('audit.action')} value={draft.action} onChange={set('action')} help={t('audit.actionHelp')} />
        </div>
        <div className="col-md-4">
          <TextField id="audit-from" type="date" label={t('audit.from')} value={draft.from} onChange={set('from')} />
        </div>
        <div className="col-md-4">
          <TextField id="audit-to" type="date" label={t('audit.to')} value={draft.to} onChange={set('to')} error={dateError} />
        </div>
      </FilterBar>
      <ErrorAlert error={error} />
      {loading && <Loading />}
      {!loading && data && data.items.length === 0 && <EmptyState text={t('audit.empty')} />}
      {!loading && data && data.items.length > 0 && (
        <>
          <ResultCount page={data.page} pageSize={data.pageSize} total={data.total} />
          <div className="table-responsive">
            <table className="table caption-top audit-table">
              <caption>{t('audit.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.colSeq')}</th>
                  <th scope="col">{t('audit.colAt')}</th>
                  <th scope="col">{t('audit.colActor')}</th>
                  <th scope="col">{t('audit.colAction')}</th>
                  <th scope="col">{t('audit.colEntity')}</th>
                  <th scope="col">{t('audit.colAct')}</th>
                  <th scope="col">{t('audit.colDetails')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((entry) => {
                  const expanded = open.has(entry.seq);
                  const detailsId = `audit-details-${entry.seq}`;
                  return (
                    <Fragment key={entry.seq}>
                      <tr>
                        <th scope="row">{entry.seq}</th>
                        <td>{formatDateTime(entry.at)}</td>
                        <td>{entry.actor}</td>
                        <td>
                          {auditActionLabel(t, entry.action)}
                          <code className="d-block small text-muted">{entry.action}</code>
                        </td>
                        <td>
                          {entityTypeLabel(t, entry.entityType)} <span className="text-muted">{entry.entityId}</span>
                        </td>
                        <td>{entry.act ? actRefLabel(t, entry.act) : entry.actId ? t('audit.actId', { id: entry.actId }) : t('common.dash')}</td>
                        <td>
                          <Button color="primary" outline size="xs" aria-expanded={expanded} aria-controls={expanded ? detailsId : undefined} onClick={() => toggle(entry.seq)}>
                            {expanded ? t('audit.hideShort') : t('audit.showShort')}
                            <span className="visually-hidden"> — {t(expanded ? 'audit.hideDetails' : 'audit.showDetails', { seq: entry.seq })}</span>
                          </Button>
                        </td>
                      </tr>
                      {expanded && (
                        <tr id={detailsId} className="audit-details">
                          <td colSpan={7}>
                            <div className="row">
                              <div className="col-md-6">
                                <p className="fw-bold mb-1">{t('audit.before')}</p>
                                <Json value={entry.before} />
                              </div>
                              <div className="col-md-6">
                                <p className="fw-bold mb-1">{t('audit.after')}</p>
                                <Json value={entry.after} />
                              </div>
                            </div>
                            <p className="small text-muted mt-2 mb-0">
                              {t('audit.hash')}: <code className="text-break">{entry.hash}</code>
                            </p>
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Paging page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} what={t('audit.title')} />
        </>
      )}
    </>
  );
}
