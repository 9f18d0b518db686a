import { Button, Callout, CalloutText, CalloutTitle } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { roleLabel } from '../i18n/labels.ts';
import type { Health } from '../types.ts';
import type { Credentials } from './SignInForm.tsx';

/** Shown only when the server says demo data is loaded (`GET /api/health` → `demo`). */
export function DemoAccess({ demo, onPick }: { demo: NonNullable<Health['demo']>; onPick: (credentials: Credentials) => void }) {
  const t = useT();
  return (
    <Callout color="note" className="demo-access mt-0" aria-labelledby="demo-title">
      <CalloutTitle tag="h2" id="demo-title">
        {t('demo.title')}
      </CalloutTitle>
      <CalloutText tag="div">
        <p>{t('demo.intro')}</p>
        <p>
          {t('demo.password')} <code className="demo-password">{demo.password}</code>
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
              {demo.users.map((user) => (
                <tr key={user.username}>
                  <th scope="row">
                    <code>{user.username}</code>
                  </th>
                  <td>{roleLabel(t, user.role)}</td>
                  <td>{[...user.districts, ...user.centres].join(', ') || t('common.dash')}</td>
                  <td>
                    <Button color="primary" outline size="xs" onClick={() => onPick({ username: user.username, password: demo.password })}>
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
