import { useState } from 'react';
import { securityEventKinds, type SecurityEventKind } from '../../../src/domain/auth/security-events.ts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { formatDateTime, formatInteger } from '../format.ts';
import { useEndpoint } from '../query.ts';
import { listSecurityEvents } from '../../../src/contract/security.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { Paging, ResultCount } from '../components/Paging.tsx';

const kindLabels: Readonly<Record<SecurityEventKind, MessageKey>> = {
  sign_in: 'security.kind.sign_in',
  sign_out: 'security.kind.sign_out',
  sign_in_failed: 'security.kind.sign_in_failed',
  sign_in_throttled: 'security.kind.sign_in_throttled',
  account_locked: 'security.kind.account_locked',
  address_locked: 'security.kind.address_locked',
  access_denied: 'security.kind.access_denied',
  csrf_refused: 'security.kind.csrf_refused',
  password_changed: 'security.kind.password_changed',
  password_reset: 'security.kind.password_reset',
  export: 'security.kind.export',
};

/** The address, name and route of the row that counts a flood past the per-minute quota. */
const OVERFLOW = '*';
const PAGE_SIZE = 20;
const noFilters = { kind: '', username: '', address: '', from: '', to: '' };

/** Sign-ins, refusals, password changes and exports (ASVS V7), for administrators and auditors. */
export function SecurityEventsPage() {
  const t = useT();
  const [draft, setDraft] = useState(noFilters);
  const [filters, setFilters] = useState(noFilters);
  const [dateError, setDateError] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  // empty filters are left out of the request (withQuery, api.ts)
  const kind = securityEventKinds.find((k) => k === filters.kind);
  const { data, error, loading } = useEndpoint(listSecurityEvents, { query: { ...filters, kind, page, pageSize: PAGE_SIZE } });
  const set = (field: keyof typeof noFilters) => (value: string) => setDraft({ ...draft, [field]: value });
  const shown = (value: string | null) => (value === null ? t('common.dash') : value === OVERFLOW ? t('security.overflow') : value);

  return (
    <>
      <PageHeading title={t('security.title')} />
      <p className="lead">{t('security.intro')}</p>
      <FilterBar
        label={t('security.title')}
        onSubmit={() => {
          if (draft.from && draft.to && draft.from > draft.to) {
            setDateError(t('security.dateInvalid'));
            return;
          }
          setDateError(null);
          setFilters({ ...draft, username: draft.username.trim(), address: draft.address.trim() });
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
          <SelectField
            id="security-kind"
            label={t('security.kind')}
            value={draft.kind}
            onChange={set('kind')}
            options={[{ value: '', label: t('security.allKinds') }, ...securityEventKinds.map((k) => ({ value: k, label: t(kindLabels[k]) }))]}
          />
        </div>
        <div className="col-md-4">
          <TextField id="security-username" label={t('security.username')} value={draft.username} onChange={set('username')} help={t('security.usernameHelp')} maxLength={64} />
        </div>
        <div className="col-md-4">
          <TextField id="security-address" label={t('security.address')} value={draft.address} onChange={set('address')} maxLength={64} />
        </div>
        <div className="col-md-4">
          <TextField id="security-from" type="date" label={t('security.from')} value={draft.from} onChange={set('from')} />
        </div>
        <div className="col-md-4">
          <TextField id="security-to" type="date" label={t('security.to')} value={draft.to} onChange={set('to')} error={dateError} />
        </div>
      </FilterBar>
      <ErrorAlert error={error} />
      {loading && <Loading />}
      {!loading && data && data.items.length === 0 && <EmptyState text={t('security.empty')} />}
      {!loading && data && data.items.length > 0 && (
        <>
          <ResultCount page={data.page} pageSize={data.pageSize} total={data.total} />
          <div className="table-responsive">
            <table className="table caption-top">
              <caption>{t('security.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('security.colAt')}</th>
                  <th scope="col">{t('security.colKind')}</th>
                  <th scope="col" className="text-end">
                    {t('security.colCount')}
                  </th>
                  <th scope="col">{t('security.colUser')}</th>
                  <th scope="col">{t('security.colAddress')}</th>
                  <th scope="col">{t('security.colRoute')}</th>
                  <th scope="col">{t('security.colDetail')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((e) => (
                  <tr key={e.id}>
                    <td>
                      {formatDateTime(e.at)}
                      {e.lastAt !== e.at && <span className="d-block small text-muted">{t('security.until', { time: formatDateTime(e.lastAt) })}</span>}
                    </td>
                    <th scope="row" className="fw-normal">
                      {t(kindLabels[e.kind])}
                    </th>
                    <td className="text-end">{formatInteger(e.count)}</td>
                    <td>
                      <span className="text-break">{shown(e.username)}</span>
                      {e.userId !== null && <span className="d-block small text-muted">{t('security.userId', { id: e.userId })}</span>}
                    </td>
                    <td>{shown(e.address)}</td>
                    <td>{e.route && e.route !== OVERFLOW ? <code className="small">{e.route}</code> : shown(e.route)}</td>
                    <td className="text-break">{shown(e.detail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Paging page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} what={t('security.title')} />
        </>
      )}
    </>
  );
}
