import { useState, type FormEvent } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { TextField } from '../components/Fields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

export interface Credentials {
  username: string;
  password: string;
}

/** Username and password; a refused sign-in shows the server's Italian `detail`. */
export function SignInForm({ prefill }: { prefill?: Credentials | null }) {
  const t = useT();
  const { signIn } = useSession();
  const [username, setUsername] = useState(prefill?.username ?? '');
  const [password, setPassword] = useState(prefill?.password ?? '');
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [lastPrefill, setLastPrefill] = useState(prefill);

  if (prefill !== lastPrefill) {
    // A demo user was picked: fill the form with it (state adjusted during render, as React recommends).
    setLastPrefill(prefill);
    if (prefill) {
      setUsername(prefill.username);
      setPassword(prefill.password);
      setErrors({});
    }
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = {
      username: username.trim() ? undefined : t('login.usernameRequired'),
      password: password ? undefined : t('login.passwordRequired'),
    };
    setErrors(next);
    setFailure(null);
    if (next.username || next.password) return;
    setBusy(true);
    try {
      await signIn(username.trim(), password);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="sign-in-title">
      <h2 id="sign-in-title" className="h3 mb-4">
        {t('login.title')}
      </h2>
      <ErrorAlert error={failure} />
      <TextField id="login-username" label={t('login.username')} value={username} onChange={setUsername} autoComplete="username" required error={errors.username} />
      <TextField id="login-password" label={t('login.password')} type="password" value={password} onChange={setPassword} autoComplete="current-password" required error={errors.password} />
      <Button color="primary" type="submit" disabled={busy}>
        {busy ? t('login.submitting') : t('login.submit')}
      </Button>
    </form>
  );
}
