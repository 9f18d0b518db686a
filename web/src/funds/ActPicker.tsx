/**
 * Every money step cites the act that made it (DOMAIN.md "Money, dates, acts"): a picker of the
 * registered acts of the right type, and a quick inline form to register a new one without
 * leaving the page. It lives inside other forms, so it is not a <form> itself.
 */
import { useState, type KeyboardEvent } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { actRefLabel } from '../i18n/labels.ts';
import { useEndpoint, useSend } from '../query.ts';
import { createAct, listActs } from '../../../src/contract/acts.ts';
import type { Act } from '../../../src/contract/common.ts';
import type { ActType } from '../../../src/domain/acts.ts';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { parseCalendarDate } from '../../../src/domain/dates.ts';

interface Props {
  id: string;
  type: ActType;
  label: string;
  value: string;
  onChange: (actId: string) => void;
  error?: string | null;
}

const emptyDraft = { number: '', date: '', issuingOffice: '', subject: '' };

export function ActPicker({ id, type, label, value, onChange, error }: Props) {
  const t = useT();
  const { data } = useEndpoint(listActs, { query: { type, pageSize: 200 } });
  const create = useSend(createAct);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(emptyDraft);
  const [errors, setErrors] = useState<Partial<Record<keyof typeof emptyDraft, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Act | null>(null);
  const set = (field: keyof typeof emptyDraft) => (v: string) => setDraft({ ...draft, [field]: v });

  const acts = [...(data?.items ?? [])];
  if (created && !acts.some((a) => a.id === created.id)) acts.unshift(created);

  const register = async () => {
    const found: typeof errors = {};
    if (!draft.number.trim()) found.number = t('actForm.numberRequired');
    if (!draft.date) found.date = t('actForm.dateRequired');
    else if (parseCalendarDate(draft.date) === null) found.date = t('actForm.dateInvalid');
    setErrors(found);
    setFailure(null);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`${id}-new-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const act = await create.send({
        body: { type, number: draft.number.trim(), date: draft.date, issuingOffice: draft.issuingOffice.trim(), subject: draft.subject.trim() },
      });
      setCreated(act);
      setDraft(emptyDraft);
      setOpen(false);
      onChange(String(act.id));
      window.setTimeout(() => document.getElementById(id)?.focus(), 0);
    } catch (reason) {
      setFailure(reason);
    } finally {
      setBusy(false);
    }
  };

  // Enter inside the inline fields registers the act instead of submitting the outer form.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') {
      event.preventDefault();
      void register();
    }
  };

  return (
    <div className="act-picker mb-3">
      <SelectField
        id={id}
        label={label}
        value={value}
        onChange={onChange}
        required
        error={error}
        help={t('funds.act.help', { type })}
        options={[
          { value: '', label: acts.length ? t('funds.act.choose') : t('funds.act.none', { type }) },
          ...acts.map((a) => ({ value: String(a.id), label: a.subject ? `${actRefLabel(t, a)} — ${a.subject.slice(0, 70)}` : actRefLabel(t, a) })),
        ]}
      />
      {created && String(created.id) === value && (
        <p className="small text-success mb-2" role="status">
          {t('funds.act.created', { act: actRefLabel(t, created) })}
        </p>
      )}
      {!open ? (
        <Button color="primary" outline size="sm" type="button" onClick={() => { setOpen(true); window.setTimeout(() => document.getElementById(`${id}-new-number`)?.focus(), 0); }}>
          {t('funds.act.new', { type })}
        </Button>
      ) : (
        <div className="border rounded p-3 funds-panel" role="group" aria-labelledby={`${id}-new-title`} onKeyDown={onKeyDown}>
          <h3 id={`${id}-new-title`} className="h6">
            {t('funds.act.newTitle', { type })}
          </h3>
          <ErrorAlert error={failure} />
          <div className="row">
            <div className="col-md-4">
              <TextField id={`${id}-new-number`} label={t('funds.act.number', { type })} value={draft.number} onChange={set('number')} required error={errors.number} />
            </div>
            <div className="col-md-4">
              <TextField id={`${id}-new-date`} type="date" label={t('funds.act.date', { type })} value={draft.date} onChange={set('date')} required error={errors.date} />
            </div>
            <div className="col-md-4">
              <TextField id={`${id}-new-issuingOffice`} label={t('funds.act.office')} value={draft.issuingOffice} onChange={set('issuingOffice')} />
            </div>
            <div className="col-12">
              <TextField id={`${id}-new-subject`} label={t('funds.act.subject')} value={draft.subject} onChange={set('subject')} />
            </div>
          </div>
          <div className="d-flex gap-2">
            <Button color="primary" size="sm" type="button" onClick={() => void register()} disabled={busy}>
              {busy ? t('common.saving') : t('funds.act.register', { type })}
            </Button>
            <Button color="secondary" outline size="sm" type="button" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
