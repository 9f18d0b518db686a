import { useState } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { roleLabel } from '../i18n/labels.ts';
import { useApi } from '../useApi.ts';
import type { User } from '../types.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { UserForm } from './UserForm.tsx';

type Listed = User & { active: boolean };

/** What a user may act for: its districts, or its body and centres. */
const scopeOf = (u: Listed): string => [...u.districts, ...(u.body ? [u.body] : []), ...u.centres].join(' · ');

/** The administrator's list of local users, with the form for a new one. */
export function UsersPage() {
  const t = useT();
  const [formOpen, setFormOpen] = useState(false);
  const [created, setCreated] = useState<User | null>(null);
  const { data, error, loading, reload } = useApi<{ items: Listed[] }>('/api/users');

  return (
    <>
      <PageHeading title={t('users.title')} />
      <p className="lead">{t('users.intro')}</p>
      {created && (
        <Alert fade={false} color="success" role="status">
          {t('users.created', { username: created.username, role: roleLabel(t, created.role) })}
        </Alert>
      )}
      {formOpen ? (
        <UserForm
          onCreated={(user) => {
            setCreated(user);
            setFormOpen(false);
            reload();
          }}
          onCancel={() => setFormOpen(false)}
        />
      ) : (
        <Button
          color="primary"
          className="mb-4"
          onClick={() => {
            setCreated(null);
            setFormOpen(true);
            window.setTimeout(() => document.getElementById('user-username')?.focus(), 0);
          }}
        >
          {t('users.open')}
        </Button>
      )}
      <ErrorAlert error={error} />
      {loading && <Loading />}
      {!loading && data && data.items.length === 0 && <EmptyState text={t('users.empty')} />}
      {!loading && data && data.items.length > 0 && (
        <div className="table-responsive">
          <table className="table caption-top table-hover">
            <caption>{t('users.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.colUsername')}</th>
                <th scope="col">{t('users.colName')}</th>
                <th scope="col">{t('users.colRole')}</th>
                <th scope="col">{t('users.colScope')}</th>
                <th scope="col">{t('users.colActive')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((u) => (
                <tr key={u.username}>
                  <th scope="row">
                    <code>{u.username}</code>
                  </th>
                  <td>{u.displayName}</td>
                  <td>{roleLabel(t, u.role)}</td>
                  <td>{scopeOf(u) || t('common.dash')}</td>
                  <td>{u.active ? t('users.active') : t('users.inactive')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
