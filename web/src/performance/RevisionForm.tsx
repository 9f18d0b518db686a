/**
 * "Revisione con delibera del CdA": the consortium manager updates or suspends an objective,
 * citing a board resolution (an act of type CDA) picked from the register or registered here.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { actRefLabel } from '../i18n/labels.ts';
import { createAct, listActs } from '../../../src/contract/acts.ts';
import type { Act } from '../../../src/contract/common.ts';
import { SelectField, TextAreaField, TextField } from '../components/Fields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useEndpoint, useSend } from '../query.ts';
import { reviseObjective } from '../../../src/contract/performance/revisions.ts';
import type { Objective } from '../../../src/contract/performance/readouts.ts';
import { revisableFields, type RevisableField, type RevisionKind } from '../../../src/domain/performance/plan.ts';
import { parseCalendarDate } from '../../../src/domain/dates.ts';

const fieldLabel: Record<RevisableField, 'perf.objective.title' | 'perf.objective.strategicArea' | 'perf.objective.operationalObjective' | 'perf.objective.pegProject' | 'perf.objective.services' | 'perf.objective.endUsers' | 'perf.objective.networks' | 'perf.objective.description'> = {
  title: 'perf.objective.title',
  strategicArea: 'perf.objective.strategicArea',
  operationalObjective: 'perf.objective.operationalObjective',
  pegProject: 'perf.objective.pegProject',
  services: 'perf.objective.services',
  endUsers: 'perf.objective.endUsers',
  networks: 'perf.objective.networks',
  description: 'perf.objective.description',
};

const NEW_ACT = { number: '', date: '', subject: '', issuingOffice: '' };

/** Inline registration of a board resolution in the acts register. */
function NewBoardResolution({ defaultSubject, onCreated, onCancel }: { defaultSubject: string; onCreated: (act: Act) => void; onCancel: () => void }) {
  const t = useT();
  const create = useSend(createAct);
  const [draft, setDraft] = useState({ ...NEW_ACT, subject: defaultSubject, issuingOffice: t('perf.revise.defaultOffice') });
  const [errors, setErrors] = useState<Partial<Record<keyof typeof NEW_ACT, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof typeof NEW_ACT) => (value: string) => setDraft({ ...draft, [field]: value });

  useEffect(() => {
    document.getElementById('perf-act-number')?.focus();
  }, []);

  const register = async () => {
    const found: typeof errors = {};
    if (!draft.number.trim()) found.number = t('actForm.numberRequired');
    if (!draft.date) found.date = t('actForm.dateRequired');
    else if (parseCalendarDate(draft.date) === null) found.date = t('actForm.dateInvalid');
    if (!draft.issuingOffice.trim()) found.issuingOffice = t('actForm.officeRequired');
    if (!draft.subject.trim()) found.subject = t('actForm.subjectRequired');
    setErrors(found);
    setFailure(null);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`perf-act-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const act = await create.send({ body: { type: 'CDA', number: draft.number.trim(), date: draft.date, issuingOffice: draft.issuingOffice.trim(), subject: draft.subject.trim() } });
      onCreated(act);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="border border-primary rounded p-3 mb-3">
      <legend className="h6 float-none w-auto px-2 mb-0">{t('perf.revise.newActTitle')}</legend>
      <ErrorAlert error={failure} />
      <div className="row">
        <div className="col-md-4">
          <TextField id="perf-act-number" label={t('perf.revise.actNumber')} value={draft.number} onChange={set('number')} required error={errors.number} />
        </div>
        <div className="col-md-4">
          <TextField id="perf-act-date" type="date" label={t('perf.revise.actDate')} value={draft.date} onChange={set('date')} required error={errors.date} />
        </div>
        <div className="col-md-4">
          <TextField id="perf-act-issuingOffice" label={t('actForm.office')} value={draft.issuingOffice} onChange={set('issuingOffice')} required error={errors.issuingOffice} />
        </div>
        <div className="col-12">
          <TextAreaField id="perf-act-subject" label={t('actForm.subject')} value={draft.subject} onChange={set('subject')} required error={errors.subject} />
        </div>
      </div>
      <div className="d-flex gap-2">
        <Button color="primary" type="button" onClick={register} disabled={busy}>
          {busy ? t('common.saving') : t('perf.revise.registerAct')}
        </Button>
        <Button color="secondary" outline type="button" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </Button>
      </div>
    </fieldset>
  );
}

export function RevisionForm({ planId, year, objective, onRevised }: { planId: number; year: number; objective: Objective; onRevised: (kind: RevisionKind) => void }) {
  const t = useT();
  const acts = useEndpoint(listActs, { query: { type: 'CDA', pageSize: 200 } });
  const revise = useSend(reviseObjective);
  const suspended = objective.status === 'suspended';
  const [kind, setKind] = useState<RevisionKind>(suspended ? 'updated' : 'suspended');
  const [actId, setActId] = useState('');
  const [date, setDate] = useState('');
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<Act | null>(null);
  const initial = Object.fromEntries(revisableFields.map((f) => [f, objective[f]])) as Record<RevisableField, string>;
  const [fields, setFields] = useState(initial);
  const [errors, setErrors] = useState<{ act?: string; date?: string; changes?: string }>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);

  const options = [
    { value: '', label: acts.loading && !acts.data ? t('common.loading') : t('perf.revise.actChoose') },
    ...(acts.data?.items ?? []).map((a) => ({ value: String(a.id), label: `${actRefLabel(t, a)} — ${a.subject}` })),
  ];
  const changes = Object.fromEntries(revisableFields.filter((f) => fields[f].trim() !== initial[f].trim()).map((f) => [f, fields[f]]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!actId) found.act = t('perf.revise.actRequired');
    if (date && parseCalendarDate(date) === null) found.date = t('actForm.dateInvalid');
    if (kind === 'updated' && !suspended && Object.keys(changes).length === 0) found.changes = t('perf.revise.changesRequired');
    setErrors(found);
    setFailure(null);
    if (found.act) return document.getElementById('perf-revise-act')?.focus();
    if (found.date) return document.getElementById('perf-revise-date')?.focus();
    if (found.changes) return document.getElementById('perf-revise-title')?.focus();
    setBusy(true);
    try {
      await revise.send({
        params: { id: planId, objectiveId: objective.id },
        body: {
          kind,
          actId: Number(actId),
          ...(date ? { date } : {}),
          ...(kind === 'updated' && Object.keys(changes).length > 0 ? { changes } : {}),
        },
      });
      onRevised(kind);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card card-bg shadow-sm my-4" aria-labelledby="perf-revise-heading">
      <form className="card-body" onSubmit={submit} noValidate>
        <h2 id="perf-revise-heading" className="h3">
          {t('perf.revise.title')}
        </h2>
        <p>{t('perf.revise.intro')}</p>
        <p className="small text-muted">{t('common.requiredNote')}</p>
        <ErrorAlert error={failure} />
        <ErrorAlert error={acts.error} />
        <div className="row">
          <div className="col-md-6">
            <SelectField
              id="perf-revise-kind"
              label={t('perf.revise.kind')}
              value={kind}
              onChange={(v) => setKind(v === 'updated' ? 'updated' : 'suspended')}
              required
              options={[
                ...(suspended ? [] : [{ value: 'suspended', label: t('perf.revise.kindSuspended') }]),
                { value: 'updated', label: suspended ? t('perf.revise.kindResume') : t('perf.revise.kindUpdated') },
              ]}
            />
          </div>
          <div className="col-md-6">
            <TextField id="perf-revise-date" type="date" label={t('perf.revise.date')} value={date} onChange={setDate} error={errors.date} help={t('perf.revise.dateHelp')} />
          </div>
          <div className="col-12">
            <SelectField id="perf-revise-act" label={t('perf.revise.act')} value={actId} onChange={setActId} required error={errors.act} options={options} help={t('perf.revise.actHelp')} />
          </div>
        </div>
        {created && (
          <Alert fade={false} color="success" role="status">
            {t('perf.revise.actCreated', { act: actRefLabel(t, created) })}
          </Alert>
        )}
        {adding ? (
          <NewBoardResolution
            defaultSubject={t('perf.revise.defaultSubject', { year })}
            onCreated={(act) => {
              setCreated(act);
              setAdding(false);
              setActId(String(act.id));
              window.setTimeout(() => document.getElementById('perf-revise-act')?.focus(), 0);
            }}
            onCancel={() => {
              setAdding(false);
              window.setTimeout(() => addButton.current?.focus(), 0);
            }}
          />
        ) : (
          <Button innerRef={addButton} color="primary" outline size="sm" type="button" className="mb-4" onClick={() => setAdding(true)}>
            {t('perf.revise.newAct')}
          </Button>
        )}
        {kind === 'updated' && (
          <fieldset className="mb-3">
            <legend className="h5">{t('perf.revise.changesTitle')}</legend>
            <p className="small text-muted">{suspended ? t('perf.revise.resumeHelp') : t('perf.revise.changesHelp')}</p>
            {errors.changes && (
              <div className="invalid-feedback d-block mb-2" role="alert">
                {errors.changes}
              </div>
            )}
            {revisableFields.map((f) => (
              <TextAreaField key={f} id={`perf-revise-${f}`} label={t(fieldLabel[f])} value={fields[f]} onChange={(v) => setFields({ ...fields, [f]: v })} />
            ))}
          </fieldset>
        )}
        {kind === 'suspended' && <p className="small">{t('perf.revise.suspendNote')}</p>}
        <Button color="primary" type="submit" disabled={busy}>
          {busy ? t('common.saving') : kind === 'suspended' ? t('perf.revise.submitSuspend') : t('perf.revise.submitUpdate')}
        </Button>
      </form>
    </section>
  );
}
