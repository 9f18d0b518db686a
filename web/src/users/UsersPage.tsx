import { useState } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { roleLabel } from '../i18n/labels.ts';
import { useEndpoint, useSend } from '../query.ts';
import { useSession } from '../session.tsx';
import * as users from '../../../src/contract/users.ts';
import type { UserRow } from '../../../src/contract/users.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { UserForm } from './UserForm.tsx';
import { ResetPasswordForm } from './ResetPasswordForm.tsx';
import { exportUsers } from '../../../src/contract/exports.ts';
import { ExportLink } from '../components/ExportLink.tsx';

/** What a user may act for: its districts, or its body and centres. */
const scopeOf = (u: UserRow): string => [...u.districts, ...(u.body ? [u.body] : []), ...u.centres].join(' · ');

/** The administrator's list of local users: a form for a new one, and deactivation (never of oneself). */
export function UsersPage() {
  const t = useT();
  const [formOpen, setFormOpen] = useState(false);
  const { user: me } = useSession();
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [resetting, setResetting] = useState<string | null>(null);
  const { data, error, loading } = useEndpoint(users.listUsers, {});
  const activation = useSend(users.setUserActive);
  const busy = activation.busy;

  const setActive = async (username: string, active: boolean) => {
    setNotice(null);
    setFailure(null);
    try {
      await activation.send({ params: { username }, body: { active } });
      setNotice(t(active ? 'users.activated' : 'users.deactivated', { username }));
    } catch (reason) {
      setFailure(reason);
    }
  };

  return (
    <>
      <PageHeading title={t('users.title')} />
      <div className="mb-3">
        <ExportLink endpoint={exportUsers} input={{}} what={t('users.title')} />
      </div>
      <p className="lead">{t('users.intro')}</p>
      <div role="status" aria-live="polite">
        {notice && (
          <Alert fade={false} color="success">
            {notice}
          </Alert>
        )}
      </div>
      <ErrorAlert error={failure} />
      {formOpen ? (
        <UserForm
          onCreated={(user) => {
            setNotice(t('users.created', { username: user.username, role: roleLabel(t, user.role) }));
            setFormOpen(false);
          }}
          onCancel={() => setFormOpen(false)}
        />
      ) : (
        <Button
          color="primary"
          className="mb-4"
          onClick={() => {
            setNotice(null);
            setFormOpen(true);
            window.setTimeout(() => document.getElementById('user-username')?.focus(), 0);
          }}
        >
          {t('users.open')}
        </Button>
      )}
      {resetting && (
        <ResetPasswordForm
          key={resetting}
          username={resetting}
          onReset={(count) => {
            setNotice(t('users.reset.done', { username: resetting, count }));
            setResetting(null);
          }}
          onCancel={() => setResetting(null)}
        />
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
                <th scope="col">{t('users.colActions')}</th>
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
                  <td className="d-flex flex-wrap gap-2">
                    {u.username !== me?.username && (
                      <Button
                        color="primary"
                        outline
                        size="xs"
                        disabled={busy}
                        onClick={() => {
                          setNotice(null);
                          setResetting(u.username);
                          window.setTimeout(() => document.getElementById('reset-password')?.focus(), 0);
                        }}
                      >
                        {t('users.resetPassword', { username: u.username })}
                      </Button>
                    )}
                    {u.username !== me?.username && (
                      <Button color="primary" outline size="xs" disabled={busy} onClick={() => void setActive(u.username, !u.active)}>
                        {t(u.active ? 'users.deactivate' : 'users.activate', { username: u.username })}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
