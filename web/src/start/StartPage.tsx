import { useState } from 'react';
import { Alert } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { useHealth } from '../health.tsx';
import { useSession } from '../session.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { DemoAccess } from './DemoAccess.tsx';
import { SignInForm, type Credentials } from './SignInForm.tsx';

/** What Regia is, the sign-in form, and the demo users when the installation has them. */
export function StartPage() {
  const t = useT();
  const health = useHealth();
  const { state } = useSession();
  const [prefill, setPrefill] = useState<Credentials | null>(null);
  const pick = (credentials: Credentials) => {
    setPrefill(credentials);
    document.getElementById('login-password')?.focus();
  };
  return (
    <>
      <PageHeading title={t('start.title')}>
        {t('start.title')} <small className="d-block h4 text-muted fw-normal mt-1">{t('start.lead')}</small>
      </PageHeading>
      <div className="row">
        <div className="col-lg-7">
          <p className="lead">{t('start.intro1')}</p>
          <p>{t('start.intro2')}</p>
          <p>{t('start.intro3')}</p>
          {health?.demo === true && <DemoAccess onPick={pick} />}
        </div>
        <div className="col-lg-5">
          <div className="card card-bg shadow-sm sign-in-card">
            <div className="card-body">
              {state.status === 'anonymous' && state.expired && (
                <Alert fade={false} color="warning">{t('error.sessionExpired')}</Alert>
              )}
              <SignInForm prefill={prefill} />
            </div>
          </div>
        </div>
      </div>
    </>
  );
}

/** A protected page opened without a session: say so and offer the form in place. */
export function SignInNeeded() {
  const t = useT();
  const { state } = useSession();
  return (
    <>
      <PageHeading title={t('signInNeeded.title')} />
      <div className="row">
        <div className="col-lg-6">
          <p>{state.status === 'anonymous' && state.expired ? t('error.sessionExpired') : t('signInNeeded.body')}</p>
          <div className="card card-bg shadow-sm">
            <div className="card-body">
              <SignInForm />
            </div>
          </div>
        </div>
      </div>
    </>
  );
}
