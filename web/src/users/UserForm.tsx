import { useT } from '../i18n/i18n.tsx';
import { roleLabel } from '../i18n/labels.ts';
import { useSend } from '../query.ts';
import type { User } from '../types.ts';
import { isRole, roles } from '../../../src/domain/auth/roles.ts';
import * as users from '../../../src/contract/users.ts';
import { SelectField, TextAreaField, TextField } from '../components/Fields.tsx';
import { DraftFormCard, useDraftForm, type FieldErrors } from '../components/DraftForm.tsx';
import { MIN_PASSWORD_LENGTH } from '../../../src/domain/auth/password-policy.ts';

const empty = { username: '', displayName: '', role: '', districts: '', body: '', centres: '', password: '' };
type Draft = typeof empty;

/** Roles that work for a body (a consortium): the body is asked for them, required for area managers. */
const BODY_ROLES = new Set(['consortium_manager', 'area_manager', 'evaluator']);

const districtCodes = (text: string) => text.split(/[,;\s]+/).map((c) => c.trim().toUpperCase()).filter(Boolean);
const centreNames = (text: string) => text.split('\n').map((c) => c.trim()).filter(Boolean);

/** The administrator's form for a new local user; the server checks it again and answers in Italian. */
export function UserForm({ onCreated, onCancel }: { onCreated: (user: User) => void; onCancel: () => void }) {
  const t = useT();
  const create = useSend(users.createUser);
  const { draft, set, errors, failure, busy, submit } = useDraftForm<Draft, User>({
    empty,
    idPrefix: 'user',
    validate: (d) => {
      const found: FieldErrors<Draft> = {};
      if (!d.username.trim()) found.username = t('users.form.usernameRequired');
      if (!isRole(d.role)) found.role = t('users.form.roleRequired');
      if (d.role === 'district_officer' && districtCodes(d.districts).length === 0) found.districts = t('users.form.districtsRequired');
      if (d.role === 'area_manager' && !d.body.trim()) found.body = t('users.form.bodyRequired');
      if (d.role === 'area_manager' && centreNames(d.centres).length === 0) found.centres = t('users.form.centresRequired');
      if (d.password.length < MIN_PASSWORD_LENGTH) found.password = t('users.form.passwordShort');
      return found;
    },
    send: (d) => {
      // validate() let through only a role of the domain's list
      if (!isRole(d.role)) throw new Error(t('users.form.roleRequired'));
      return create.send({
        body: {
          username: d.username.trim(),
          displayName: d.displayName.trim(),
          role: d.role,
          password: d.password,
          ...(d.role === 'district_officer' ? { districts: districtCodes(d.districts) } : {}),
          ...(BODY_ROLES.has(d.role) && d.body.trim() ? { body: d.body.trim() } : {}),
          ...(d.role === 'area_manager' ? { centres: centreNames(d.centres) } : {}),
        },
      });
    },
    onDone: onCreated,
  });
  const areaManager = draft.role === 'area_manager';

  return (
    <DraftFormCard idPrefix="user" title={t('users.form.title')} submitLabel={t('users.form.submit')} failure={failure} busy={busy} onSubmit={submit} onCancel={onCancel}>
      <div className="col-md-6 col-lg-4">
        <TextField id="user-username" label={t('users.form.username')} value={draft.username} onChange={set('username')} required error={errors.username} help={t('users.form.usernameHelp')} autoComplete="off" maxLength={64} />
      </div>
      <div className="col-md-6 col-lg-4">
        <TextField id="user-displayName" label={t('users.form.displayName')} value={draft.displayName} onChange={set('displayName')} maxLength={200} />
      </div>
      <div className="col-md-6 col-lg-4">
        <SelectField
          id="user-role"
          label={t('users.form.role')}
          value={draft.role}
          onChange={set('role')}
          required
          error={errors.role}
          options={[{ value: '', label: t('users.form.roleChoose') }, ...roles.map((r) => ({ value: r, label: roleLabel(t, r) }))]}
        />
      </div>
      {draft.role === 'district_officer' && (
        <div className="col-md-6">
          <TextField id="user-districts" label={t('users.form.districts')} value={draft.districts} onChange={set('districts')} required error={errors.districts} help={t('users.form.districtsHelp')} />
        </div>
      )}
      {BODY_ROLES.has(draft.role) && (
        <div className="col-md-6">
          <TextField id="user-body" label={t('users.form.body')} value={draft.body} onChange={set('body')} required={areaManager} error={errors.body} help={t('users.form.bodyHelp')} maxLength={200} />
        </div>
      )}
      {areaManager && (
        <div className="col-md-6">
          <TextAreaField id="user-centres" label={t('users.form.centres')} value={draft.centres} onChange={set('centres')} required error={errors.centres} help={t('users.form.centresHelp')} />
        </div>
      )}
      <div className="col-md-6">
        <TextField id="user-password" type="password" label={t('users.form.password')} value={draft.password} onChange={set('password')} required error={errors.password} help={t('users.form.passwordHelp')} autoComplete="new-password" maxLength={200} />
      </div>
    </DraftFormCard>
  );
}
