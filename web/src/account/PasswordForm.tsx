import { useSend } from '../query.ts';
import * as auth from '../../../src/contract/auth.ts';
import { useT } from '../i18n/i18n.tsx';
import { TextField } from '../components/Fields.tsx';
import { DraftFormCard, useDraftForm, type FieldErrors } from '../components/DraftForm.tsx';
import { MIN_PASSWORD_LENGTH } from '../../../src/domain/auth/password-policy.ts';

const empty = { currentPassword: '', newPassword: '', confirm: '' };
type Draft = typeof empty;

/** Changes one's own password; the server checks the list of common passwords and answers why in Italian. */
export function PasswordForm({ onChanged, onCancel }: { onChanged: (sessionsEnded: number) => void; onCancel: () => void }) {
  const t = useT();
  const change = useSend(auth.changeOwnPassword);
  const { draft, set, errors, failure, busy, submit } = useDraftForm<Draft, { sessionsEnded: number }>({
    empty,
    idPrefix: 'password',
    validate: (d) => {
      const found: FieldErrors<Draft> = {};
      if (!d.currentPassword) found.currentPassword = t('account.password.currentRequired');
      if ([...d.newPassword].length < MIN_PASSWORD_LENGTH) found.newPassword = t('account.password.newShort', { min: MIN_PASSWORD_LENGTH });
      else if (d.confirm !== d.newPassword) found.confirm = t('account.password.mismatch');
      return found;
    },
    send: (d) => change.send({ body: { currentPassword: d.currentPassword, newPassword: d.newPassword } }),
    onDone: (r) => onChanged(r.sessionsEnded),
  });
  return (
    <DraftFormCard idPrefix="password" title={t('account.password.title')} submitLabel={t('account.password.submit')} failure={failure} busy={busy} onSubmit={submit} onCancel={onCancel}>
      <div className="col-md-6 col-lg-4">
        <TextField id="password-currentPassword" type="password" label={t('account.password.current')} value={draft.currentPassword} onChange={set('currentPassword')} required error={errors.currentPassword} autoComplete="current-password" maxLength={256} />
      </div>
      <div className="col-md-6 col-lg-4">
        <TextField
          id="password-newPassword"
          type="password"
          label={t('account.password.new')}
          value={draft.newPassword}
          onChange={set('newPassword')}
          required
          error={errors.newPassword}
          help={t('account.password.newHelp', { min: MIN_PASSWORD_LENGTH })}
          autoComplete="new-password"
          maxLength={200}
        />
      </div>
      <div className="col-md-6 col-lg-4">
        <TextField id="password-confirm" type="password" label={t('account.password.confirm')} value={draft.confirm} onChange={set('confirm')} required error={errors.confirm} autoComplete="new-password" maxLength={200} />
      </div>
    </DraftFormCard>
  );
}
