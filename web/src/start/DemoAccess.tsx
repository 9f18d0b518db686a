import { Button, Callout, CalloutText, CalloutTitle } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { roleLabel } from '../i18n/labels.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../../src/domain/demo-users.ts';
import type { Credentials } from './SignInForm.tsx';

/**
 * Shown only when the server says the demo is on (`GET /api/health` → `demo: true`). The accounts
 * and their password are the published constants of the demo data set, not sent by the server.
 */
export function DemoAccess({ onPick }: { onPick: (credentials: Credentials) => void }) {
  const t = useT();
  return (
    <Callout color="note" className="demo-access mt-0" aria-labelledby="demo-title">
      <CalloutTitle tag="h2" id="demo-title">
        {t('demo.title')}
      </CalloutTitle>
      <CalloutText tag="div">
        <p>{t('demo.intro')}</p>
        <p>
          {t('demo.password')} <code className="demo-password">{DEMO_PASSWORD}</code>
        </p>
        <div className="table-responsive">
          <table className="table caption-top table-sm demo-users">
            <caption className="visually-hidden">{t('demo.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('demo.colUser')}</th>
                <th scope="col">{t('demo.colRole')}</th>
                <th scope="col">{t('demo.colScope')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('demo.colAction')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {DEMO_USERS.map((user) => (
                <tr key={user.username}>
                  <th scope="row">
                    <code>{user.username}</code>
                  </th>
                  <td>{roleLabel(t, user.role)}</td>
                  <td>{[...(user.districts ?? []), ...(user.centres ?? [])].join(', ') || t('common.dash')}</td>
                  <td>
                    <Button color="primary" outline size="xs" onClick={() => onPick({ username: user.username, password: DEMO_PASSWORD })}>
                      {t('demo.use', { username: user.username })}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </CalloutText>
    </Callout>
  );
}
