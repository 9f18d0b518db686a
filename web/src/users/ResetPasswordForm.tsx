import { useSend } from '../query.ts';
import * as users from '../../../src/contract/users.ts';
import { useT } from '../i18n/i18n.tsx';
import { TextField } from '../components/Fields.tsx';
import { DraftFormCard, useDraftForm, type FieldErrors } from '../components/DraftForm.tsx';
import { MIN_PASSWORD_LENGTH } from '../../../src/domain/auth/password-policy.ts';

const empty = { password: '', confirm: '' };
type Draft = typeof empty;

/** The administrator sets a new password for a user; every session of that user ends. */
export function ResetPasswordForm({ username, onReset, onCancel }: { username: string; onReset: (sessionsEnded: number) => void; onCancel: () => void }) {
  const t = useT();
  const reset = useSend(users.resetPassword);
  const { draft, set, errors, failure, busy, submit } = useDraftForm<Draft, { sessionsEnded: number }>({
    empty,
    idPrefix: 'reset',
    validate: (d) => {
      const found: FieldErrors<Draft> = {};
      if ([...d.password].length < MIN_PASSWORD_LENGTH) found.password = t('users.form.passwordShort');
      else if (d.confirm !== d.password) found.confirm = t('users.reset.mismatch');
      return found;
    },
    send: (d) => reset.send({ params: { username }, body: { password: d.password } }),
    onDone: (r) => onReset(r.sessionsEnded),
  });
  return (
    <DraftFormCard idPrefix="reset" title={t('users.reset.title', { username })} submitLabel={t('users.reset.submit')} failure={failure} busy={busy} onSubmit={submit} onCancel={onCancel}>
      <p>{t('users.reset.intro')}</p>
      <div className="col-md-6">
        <TextField id="reset-password" type="password" label={t('users.reset.password')} value={draft.password} onChange={set('password')} required error={errors.password} help={t('users.form.passwordHelp')} autoComplete="new-password" maxLength={200} />
      </div>
      <div className="col-md-6">
        <TextField id="reset-confirm" type="password" label={t('users.reset.confirm')} value={draft.confirm} onChange={set('confirm')} required error={errors.confirm} autoComplete="new-password" maxLength={200} />
      </div>
    </DraftFormCard>
  );
}
