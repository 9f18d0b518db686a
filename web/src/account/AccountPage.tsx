import { useState } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { useEndpoint, useSend } from '../query.ts';
import { useSession } from '../session.tsx';
import type { User } from '../types.ts';
import { formatDateTime } from '../format.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { PasswordForm } from './PasswordForm.tsx';
import * as auth from '../../../src/contract/auth.ts';
import type { OwnSession } from '../../../src/contract/auth.ts';

/** The user's own profile: change the password, see the open sessions and end them. */
export function AccountPage({ user }: { user: User }) {
  const t = useT();
  const { signOut } = useSession();
  const [formOpen, setFormOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const { data, error, loading } = useEndpoint(auth.listOwnSessions, {});
  const endOne = useSend(auth.endOwnSession);
  const endRest = useSend(auth.endOtherSessions);
  const busy = endOne.busy || endRest.busy;

  const act = async (run: () => Promise<string>) => {
    setNotice(null);
    setFailure(null);
    try {
      setNotice(await run());
    } catch (reason) {
      setFailure(reason);
    }
  };
  const end = (s: OwnSession) =>
    act(async () => {
      await endOne.send({ params: { id: s.id } });
      if (s.current) await signOut();
      return t('account.sessions.ended');
    });
  const endOthers = () => act(async () => t('account.sessions.othersEnded', { count: (await endRest.send({})).sessionsEnded }));

  return (
    <>
      <PageHeading title={t('account.title')} />
      <p className="lead">{t('account.intro', { username: user.username })}</p>
      <div role="status" aria-live="polite">
        {notice && (
          <Alert fade={false} color="success">
            {notice}
          </Alert>
        )}
      </div>
      <ErrorAlert error={failure} />
      {formOpen ? (
        <PasswordForm
          onChanged={(count) => {
            setFormOpen(false);
            setNotice(t('account.password.changed', { count }));
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
            window.setTimeout(() => document.getElementById('password-currentPassword')?.focus(), 0);
          }}
        >
          {t('account.password.title')}
        </Button>
      )}
      <h2 className="h3 mt-2">{t('account.sessions.title')}</h2>
      <ErrorAlert error={error} />
      {loading && <Loading />}
      {!loading && data && data.items.length === 0 && <EmptyState text={t('account.sessions.empty')} />}
      {!loading && data && data.items.length > 0 && (
        <>
          <div className="table-responsive">
            <table className="table caption-top table-hover">
              <caption>{t('account.sessions.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('account.sessions.colCreated')}</th>
                  <th scope="col">{t('account.sessions.colLastSeen')}</th>
                  <th scope="col">{t('account.sessions.colAddress')}</th>
                  <th scope="col">{t('account.sessions.colAgent')}</th>
                  <th scope="col">{t('account.sessions.colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {formatDateTime(s.createdAt)}
                      {s.current && <span className="badge bg-primary ms-2">{t('account.sessions.current')}</span>}
                    </th>
                    <td>{formatDateTime(s.lastSeenAt)}</td>
                    <td>{s.address || t('common.dash')}</td>
                    <td className="text-break">{s.userAgent || t('common.dash')}</td>
                    <td>
                      <Button color="primary" outline size="xs" disabled={busy} onClick={() => void end(s)}>
                        {t('account.sessions.end', { date: formatDateTime(s.createdAt) })}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.items.length > 1 && (
            <Button color="primary" outline disabled={busy} onClick={() => void endOthers()}>
              {t('account.sessions.endOthers')}
            </Button>
          )}
        </>
      )}
    </>
  );
}
