import { useState, type FormEvent } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { bodyKindLabel } from '../i18n/labels.ts';
import { api } from '../api.ts';
import { bodyKinds, type Body } from '../types.ts';
import { SelectField, TextAreaField, TextField } from '../components/Fields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useDistrictOptions } from '../districts/useDistrictOptions.ts';

const empty = { name: '', kind: '', taxCode: '', district: '', notes: '' };
type Draft = typeof empty;
type Errors = Partial<Record<keyof Draft, string>>;

/** Italian tax codes: 11 digits for bodies (partita IVA form), 16 characters for persons. */
const TAX_CODE = /^(\d{11}|[A-Z0-9]{16})$/;

export function BodyForm({ onCreated, onCancel }: { onCreated: (body: Body) => void; onCancel: () => void }) {
  const t = useT();
  const districts = useDistrictOptions();
  const [draft, setDraft] = useState<Draft>(empty);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof Draft) => (value: string) => setDraft({ ...draft, [field]: value });

  const validate = (): Errors => {
    const found: Errors = {};
    if (!draft.name.trim()) found.name = t('bodyForm.nameRequired');
    if (!draft.kind) found.kind = t('bodyForm.kindRequired');
    const taxCode = draft.taxCode.trim().toUpperCase();
    if (taxCode && !TAX_CODE.test(taxCode)) found.taxCode = t('bodyForm.taxCodeInvalid');
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFailure(null);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`body-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const body = await api.post<Body>('/api/bodies', {
        name: draft.name.trim(),
        kind: draft.kind,
        taxCode: draft.taxCode.trim().toUpperCase() || null,
        district: draft.district || null,
        notes: draft.notes.trim() || null,
      });
      setDraft(empty);
      onCreated(body);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="card card-bg shadow-sm mb-4" aria-labelledby="body-form-title">
      <div className="card-body">
        <h2 id="body-form-title" className="h3">
          {t('bodyForm.title')}
        </h2>
        <p className="small text-muted">{t('common.requiredNote')}</p>
        <ErrorAlert error={failure} />
        <div className="row">
          <div className="col-md-8">
            <TextField id="body-name" label={t('bodyForm.name')} value={draft.name} onChange={set('name')} required error={errors.name} />
          </div>
          <div className="col-md-4">
            <SelectField
              id="body-kind"
              label={t('bodyForm.kind')}
              value={draft.kind}
              onChange={set('kind')}
              required
              error={errors.kind}
              options={[{ value: '', label: t('bodyForm.kindChoose') }, ...bodyKinds.map((k) => ({ value: k, label: bodyKindLabel(t, k) }))]}
            />
          </div>
          <div className="col-md-6">
            <TextField id="body-taxCode" label={t('bodyForm.taxCode')} value={draft.taxCode} onChange={set('taxCode')} error={errors.taxCode} help={t('bodyForm.taxCodeHelp')} maxLength={16} />
          </div>
          <div className="col-md-6">
            <SelectField
              id="body-district"
              label={t('bodyForm.district')}
              value={draft.district}
              onChange={set('district')}
              options={[{ value: '', label: t('bodyForm.noDistrict') }, ...districts]}
            />
          </div>
          <div className="col-12">
            <TextAreaField id="body-notes" label={t('bodyForm.notes')} value={draft.notes} onChange={set('notes')} />
          </div>
        </div>
        <div className="d-flex gap-2">
          <Button color="primary" type="submit" disabled={busy}>
            {busy ? t('common.saving') : t('bodyForm.submit')}
          </Button>
          <Button color="secondary" outline type="button" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </div>
    </form>
  );
}
