import { useT } from '../i18n/i18n.tsx';
import { bodyKindLabel } from '../i18n/labels.ts';
import { useSend } from '../query.ts';
import { createBody, type Body } from '../../../src/contract/registry.ts';
import { bodyKinds, isBodyKind } from '../../../src/domain/registry.ts';
import { SelectField, TextAreaField, TextField } from '../components/Fields.tsx';
import { DraftFormCard, useDraftForm, type FieldErrors } from '../components/DraftForm.tsx';
import { useDistrictOptions } from '../districts/useDistrictOptions.ts';

const empty = { name: '', kind: '', taxCode: '', district: '', notes: '' };
type Draft = typeof empty;

/** Italian tax codes: 11 digits for bodies (partita IVA form), 16 characters for persons. */
const TAX_CODE = /^(\d{11}|[A-Z0-9]{16})$/;

export function BodyForm({ onCreated, onCancel }: { onCreated: (body: Body) => void; onCancel: () => void }) {
  const t = useT();
  const districts = useDistrictOptions();
  const create = useSend(createBody);
  const { draft, set, errors, failure, busy, submit } = useDraftForm<Draft, Body>({
    empty,
    idPrefix: 'body',
    validate: (d) => {
      const found: FieldErrors<Draft> = {};
      if (!d.name.trim()) found.name = t('bodyForm.nameRequired');
      if (!isBodyKind(d.kind)) found.kind = t('bodyForm.kindRequired');
      const taxCode = d.taxCode.trim().toUpperCase();
      if (taxCode && !TAX_CODE.test(taxCode)) found.taxCode = t('bodyForm.taxCodeInvalid');
      return found;
    },
    send: (d) => {
      // validate() refused any other kind
      if (!isBodyKind(d.kind)) throw new Error(`tipo di ente non valido: ${d.kind}`);
      return create.send({
        body: { name: d.name.trim(), kind: d.kind, taxCode: d.taxCode.trim().toUpperCase() || null, district: d.district || null, notes: d.notes.trim() || null },
      });
    },
    onDone: onCreated,
  });

  return (
    <DraftFormCard idPrefix="body" title={t('bodyForm.title')} submitLabel={t('bodyForm.submit')} failure={failure} busy={busy} onSubmit={submit} onCancel={onCancel}>
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
    </DraftFormCard>
  );
}
