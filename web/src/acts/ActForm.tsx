import { useT } from '../i18n/i18n.tsx';
import { actTypeLabel } from '../i18n/labels.ts';
import { useSend } from '../query.ts';
import { actTypes, type Act } from '../types.ts';
import { parseCalendarDate } from '../../../src/domain/dates.ts';
import * as acts from '../../../src/contract/acts.ts';
import { SelectField, TextAreaField, TextField } from '../components/Fields.tsx';
import { DraftFormCard, useDraftForm, type FieldErrors } from '../components/DraftForm.tsx';

const empty = { type: '', number: '', date: '', issuingOffice: '', subject: '' };
type Draft = typeof empty;

export function ActForm({ onCreated, onCancel }: { onCreated: (act: Act) => void; onCancel: () => void }) {
  const t = useT();
  const create = useSend(acts.createAct);
  const { draft, set, errors, failure, busy, submit } = useDraftForm<Draft, Act>({
    empty,
    idPrefix: 'act',
    validate: (d) => {
      const found: FieldErrors<Draft> = {};
      if (!actTypes.some((k) => k === d.type)) found.type = t('actForm.typeRequired');
      if (!d.number.trim()) found.number = t('actForm.numberRequired');
      // the domain's calendar date, written as the server takes it (AAAA-MM-GG)
      if (!d.date) found.date = t('actForm.dateRequired');
      else if (parseCalendarDate(d.date) !== d.date) found.date = t('actForm.dateInvalid');
      if (!d.issuingOffice.trim()) found.issuingOffice = t('actForm.officeRequired');
      if (!d.subject.trim()) found.subject = t('actForm.subjectRequired');
      return found;
    },
    send: (d) => {
      // validate() let through only a type of the domain's list
      const type = actTypes.find((k) => k === d.type);
      if (!type) throw new Error(t('actForm.typeRequired'));
      return create.send({ body: { type, number: d.number.trim(), date: d.date, issuingOffice: d.issuingOffice.trim(), subject: d.subject.trim() } });
    },
    onDone: onCreated,
  });

  return (
    <DraftFormCard idPrefix="act" title={t('actForm.title')} submitLabel={t('actForm.submit')} failure={failure} busy={busy} onSubmit={submit} onCancel={onCancel}>
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
    </DraftFormCard>
  );
}
