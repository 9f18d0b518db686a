import { useState, type FormEvent } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { actTypeLabel } from '../i18n/labels.ts';
import { api } from '../api.ts';
import { actTypes, type Act } from '../types.ts';
import { SelectField, TextAreaField, TextField } from '../components/Fields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

const empty = { type: '', number: '', date: '', issuingOffice: '', subject: '' };
type Draft = typeof empty;
type Errors = Partial<Record<keyof Draft, string>>;

/** A real calendar date `YYYY-MM-DD` (what `<input type="date">` gives). */
const isCalendarDate = (text: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

export function ActForm({ onCreated, onCancel }: { onCreated: (act: Act) => void; onCancel: () => void }) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>(empty);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof Draft) => (value: string) => setDraft({ ...draft, [field]: value });

  const validate = (): Errors => {
    const found: Errors = {};
    if (!draft.type) found.type = t('actForm.typeRequired');
    if (!draft.number.trim()) found.number = t('actForm.numberRequired');
    if (!draft.date) found.date = t('actForm.dateRequired');
    else if (!isCalendarDate(draft.date)) found.date = t('actForm.dateInvalid');
    if (!draft.issuingOffice.trim()) found.issuingOffice = t('actForm.officeRequired');
    if (!draft.subject.trim()) found.subject = t('actForm.subjectRequired');
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFailure(null);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`act-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const act = await api.post<Act>('/api/acts', {
        type: draft.type,
        number: draft.number.trim(),
        date: draft.date,
        issuingOffice: draft.issuingOffice.trim(),
        subject: draft.subject.trim(),
      });
      setDraft(empty);
      onCreated(act);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="card card-bg shadow-sm mb-4" aria-labelledby="act-form-title">
      <div className="card-body">
        <h2 id="act-form-title" className="h3">
          {t('actForm.title')}
        </h2>
        <p className="small text-muted">{t('common.requiredNote')}</p>
        <ErrorAlert error={failure} />
        <div className="row">
          <div className="col-md-6 col-lg-4">
            <SelectField
              id="act-type"
              label={t('actForm.type')}
              value={draft.type}
              onChange={set('type')}
              required
              error={errors.type}
              options={[{ value: '', label: t('actForm.typeChoose') }, ...actTypes.map((k) => ({ value: k, label: actTypeLabel(t, k) }))]}
            />
          </div>
          <div className="col-md-6 col-lg-4">
            <TextField id="act-number" label={t('actForm.number')} value={draft.number} onChange={set('number')} required error={errors.number} help={t('actForm.numberHelp')} />
          </div>
          <div className="col-md-6 col-lg-4">
            <TextField id="act-date" type="date" label={t('actForm.date')} value={draft.date} onChange={set('date')} required error={errors.date} />
          </div>
          <div className="col-md-6 col-lg-12">
            <TextField id="act-issuingOffice" label={t('actForm.office')} value={draft.issuingOffice} onChange={set('issuingOffice')} required error={errors.issuingOffice} />
          </div>
          <div className="col-12">
            <TextAreaField id="act-subject" label={t('actForm.subject')} value={draft.subject} onChange={set('subject')} required error={errors.subject} />
          </div>
        </div>
        <div className="d-flex gap-2">
          <Button color="primary" type="submit" disabled={busy}>
            {busy ? t('common.saving') : t('actForm.submit')}
          </Button>
          <Button color="secondary" outline type="button" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </div>
    </form>
  );
}
