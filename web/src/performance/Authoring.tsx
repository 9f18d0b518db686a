/**
 * Writing a plan in the application (consortium manager, plan not validated): a new plan, its
 * responsibility centres, objectives with every field, activities, indicators and the scoring
 * thresholds. Each form opens from its button, labels every field, checks what it can before
 * sending and shows the server's Italian message when it refuses.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { useSend } from '../query.ts';
import { addActivity, addCentre, addIndicator, addObjective, createPlan, setScoring } from '../../../src/contract/performance/authoring.ts';
import type { Plan } from '../../../src/contract/performance/readouts.ts';
import { objectiveTexts } from '../../../src/domain/performance/plan.ts';
import { parseIndicatorValue } from '../../../src/domain/performance/values.ts';
import { romeDate, yearOf } from '../../../src/domain/dates.ts';
import { navigate } from '../router.tsx';
import { TextAreaField, TextField } from '../components/Fields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useSession } from '../session.tsx';
import { isBodyScoped } from '../../../src/domain/auth/actor.ts';

interface FieldSpec {
  name: string;
  label: string;
  required?: boolean;
  multiline?: boolean;
  help?: string;
  inputMode?: 'numeric' | 'text';
}

interface AuthoringFormProps {
  /** Prefix of the field ids (unique on the page). */
  idPrefix: string;
  /** The button that opens the form, and the form's heading. */
  openLabel: string;
  /** Names what the form adds to, for screen readers ("— Area Amministrativa"). */
  context?: string;
  submitLabel: string;
  fields: FieldSpec[];
  initial?: Record<string, string>;
  /** Client checks beyond required fields: field name → message. */
  check?: (values: Record<string, string>) => Record<string, string>;
  /** Sends the values; resolves to the confirmation shown after saving. */
  save: (values: Record<string, string>) => Promise<string>;
  /** Open from the start, without the toggle button (the new-plan form, the thresholds). */
  alwaysOpen?: boolean;
  intro?: string;
  headingLevel?: 'h2' | 'h3' | 'h4';
}

const blank = (fields: FieldSpec[], initial?: Record<string, string>) => Object.fromEntries(fields.map((f) => [f.name, initial?.[f.name] ?? '']));

export function AuthoringForm({ idPrefix, openLabel, context, submitLabel, fields, initial, check, save, alwaysOpen, intro, headingLevel = 'h3' }: AuthoringFormProps) {
  const t = useT();
  const [open, setOpen] = useState(!!alwaysOpen);
  const [values, setValues] = useState(() => blank(fields, initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const focusFirst = useRef(false);
  const Heading = headingLevel;
  const headingId = `${idPrefix}-heading`;

  useEffect(() => {
    if (open && focusFirst.current) {
      focusFirst.current = false;
      document.getElementById(`${idPrefix}-${fields[0]!.name}`)?.focus();
    }
  }, [open, idPrefix, fields]);

  const show = () => {
    focusFirst.current = true;
    setValues(blank(fields, initial));
    setDone(null);
    setOpen(true);
  };
  const hide = () => {
    setOpen(false);
    setErrors({});
    setFailure(null);
    setValues(blank(fields, initial));
    window.setTimeout(() => toggle.current?.focus(), 0);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = { ...(check?.(values) ?? {}) };
    for (const f of fields) if (f.required && values[f.name]!.trim() === '') found[f.name] = t('perf.author.required', { field: f.label });
    setErrors(found);
    setFailure(null);
    setDone(null);
    const first = fields.find((f) => found[f.name]);
    if (first) {
      document.getElementById(`${idPrefix}-${first.name}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const message = await save(values);
      setDone(message);
      if (!alwaysOpen) {
        setOpen(false);
        setValues(blank(fields, initial));
        window.setTimeout(() => toggle.current?.focus(), 0);
      }
    } catch (reason) {
      setFailure(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="perf-author my-3">
      <div role="status" aria-live="polite">
        {done && (
          <Alert fade={false} color="success" className="perf-notice">
            {done}
          </Alert>
        )}
      </div>
      {!open && (
        <Button innerRef={toggle} color="primary" outline size="sm" type="button" onClick={show} aria-expanded={false}>
          {openLabel}
          {context && <span className="visually-hidden"> — {context}</span>}
        </Button>
      )}
      {open && (
        <section className="card card-bg shadow-sm" aria-labelledby={headingId}>
          <div className="card-body">
            <Heading id={headingId} className="h5">
              {openLabel}
              {context && <span className="fw-normal"> — {context}</span>}
            </Heading>
            {intro && <p className="small text-muted">{intro}</p>}
            <p className="small">{t('common.requiredNote')}</p>
            <ErrorAlert error={failure} />
            <form onSubmit={submit} noValidate>
              <div className="row">
                {fields.map((f) => {
                  const common = {
                    id: `${idPrefix}-${f.name}`,
                    label: f.label,
                    required: f.required,
                    error: errors[f.name],
                    value: values[f.name]!,
                    onChange: (v: string) => setValues((old) => ({ ...old, [f.name]: v })),
                  };
                  return f.multiline ? (
                    <TextAreaField key={f.name} {...common} className="col-12" {...(f.help ? { help: f.help } : {})} />
                  ) : (
                    <TextField key={f.name} {...common} className="col-md-6" {...(f.help ? { help: f.help } : {})} {...(f.inputMode ? { inputMode: f.inputMode } : {})} />
                  );
                })}
              </div>
              <div className="d-flex gap-2">
                <Button color="primary" type="submit" disabled={busy}>
                  {busy ? t('common.saving') : submitLabel}
                </Button>
                {!alwaysOpen && (
                  <Button color="secondary" outline type="button" onClick={hide} disabled={busy}>
                    {t('common.cancel')}
                  </Button>
                )}
              </div>
            </form>
          </div>
        </section>
      )}
    </div>
  );
}

const YEAR = /^\d{4}$/;

/** "Nuovo piano": body, year and three-year plan; opens the new plan. */
export function NewPlanForm() {
  const t = useT();
  const { user } = useSession();
  // the year of today's date in Rome, not of the browser's clock zone
  const year = yearOf(romeDate(new Date()));
  const create = useSend(createPlan);
  // a manager writes its own body's plans only (the server refuses others): its body comes pre-filled
  const ownBody = user && isBodyScoped(user.role) ? user.body : null;
  return (
    <AuthoringForm
      idPrefix="perf-new-plan"
      openLabel={t('perf.author.plan.open')}
      submitLabel={t('perf.author.plan.submit')}
      intro={t('perf.author.plan.intro')}
      headingLevel="h2"
      fields={[
        { name: 'body', label: t('perf.author.plan.body'), required: true, ...(ownBody ? { help: t('perf.author.plan.bodyHelp', { body: ownBody }) } : {}) },
        { name: 'year', label: t('perf.author.plan.year'), required: true, inputMode: 'numeric' },
        { name: 'periodFrom', label: t('perf.author.plan.periodFrom'), required: true, inputMode: 'numeric', help: t('perf.author.plan.periodHelp') },
        { name: 'periodTo', label: t('perf.author.plan.periodTo'), required: true, inputMode: 'numeric' },
      ]}
      initial={{ body: ownBody ?? '', year: String(year), periodFrom: String(year), periodTo: String(year + 2) }}
      check={(v) => {
        const found: Record<string, string> = {};
        for (const f of ['year', 'periodFrom', 'periodTo'] as const) if (v[f]!.trim() !== '' && !YEAR.test(v[f]!.trim())) found[f] = t('perf.author.yearInvalid');
        return found;
      }}
      save={async (v) => {
        const created = await create.send({
          body: { body: v.body!.trim(), year: Number(v.year), periodFrom: Number(v.periodFrom), periodTo: Number(v.periodTo) },
        });
        navigate(`/performance/${created.id}`);
        return t('perf.author.plan.done');
      }}
    />
  );
}

export function AddCentreForm({ plan }: { plan: Plan }) {
  const t = useT();
  const add = useSend(addCentre);
  return (
    <AuthoringForm
      idPrefix="perf-add-centre"
      openLabel={t('perf.author.centre.open')}
      submitLabel={t('perf.author.centre.submit')}
      fields={[{ name: 'name', label: t('perf.author.centre.name'), required: true }]}
      save={async (v) => {
        const centre = await add.send({ params: { id: plan.id }, body: { name: v.name!.trim() } });
        return t('perf.author.centre.done', { name: centre.name });
      }}
    />
  );
}

export function AddObjectiveForm({ plan, centre }: { plan: Plan; centre: { id: number; name: string } }) {
  const t = useT();
  const add = useSend(addObjective);
  return (
    <AuthoringForm
      idPrefix={`perf-add-objective-${centre.id}`}
      headingLevel="h4"
      openLabel={t('perf.author.objective.open')}
      context={centre.name}
      submitLabel={t('perf.author.objective.submit')}
      fields={[
        { name: 'code', label: t('perf.author.objective.code'), required: true, help: t('perf.author.objective.codeHelp') },
        { name: 'title', label: t('perf.objective.title'), required: true, multiline: true },
        { name: 'strategicArea', label: t('perf.objective.strategicArea'), multiline: true },
        { name: 'operationalObjective', label: t('perf.objective.operationalObjective'), multiline: true },
        { name: 'pegProject', label: t('perf.objective.pegProject'), multiline: true },
        { name: 'services', label: t('perf.objective.services'), multiline: true },
        { name: 'endUsers', label: t('perf.objective.endUsers'), multiline: true },
        { name: 'networks', label: t('perf.objective.networks'), multiline: true },
        { name: 'description', label: t('perf.objective.description'), multiline: true },
      ]}
      save={async (v) => {
        const body = { code: v.code!.trim(), title: v.title!.trim(), ...Object.fromEntries(objectiveTexts.map((f) => [f, v[f]!.trim()])) };
        const created = await add.send({ params: { id: plan.id, centreId: centre.id }, body });
        return t('perf.author.objective.done', { code: created.code, centre: centre.name });
      }}
    />
  );
}

export function AddActivityForm({ planId, objectiveId, objectiveLabel }: { planId: number; objectiveId: number; objectiveLabel: string }) {
  const t = useT();
  const add = useSend(addActivity);
  return (
    <AuthoringForm
      idPrefix="perf-add-activity"
      openLabel={t('perf.author.activity.open')}
      context={objectiveLabel}
      submitLabel={t('perf.author.activity.submit')}
      fields={[
        { name: 'description', label: t('perf.author.activity.description'), required: true, multiline: true },
        { name: 'planned', label: t('perf.author.activity.planned'), help: t('perf.author.activity.plannedHelp') },
      ]}
      save={async (v) => {
        await add.send({ params: { id: planId, objectiveId }, body: { description: v.description!.trim(), planned: v.planned!.trim() } });
        return t('perf.author.activity.done');
      }}
    />
  );
}

/** "1,5" → 1.5, read as the domain reads a plan's numbers (src/domain/performance/values.ts); null when not a plain number. */
const italianNumber = (text: string): number | null => {
  const value = parseIndicatorValue(text);
  return value.kind === 'number' && value.unit === null ? value.value : null;
};

export function AddIndicatorForm({ planId, objectiveId, objectiveLabel }: { planId: number; objectiveId: number; objectiveLabel: string }) {
  const t = useT();
  const add = useSend(addIndicator);
  return (
    <AuthoringForm
      idPrefix="perf-add-indicator"
      openLabel={t('perf.author.indicator.open')}
      context={objectiveLabel}
      submitLabel={t('perf.author.indicator.submit')}
      fields={[
        { name: 'name', label: t('perf.author.indicator.name'), help: t('perf.author.indicator.nameHelp') },
        { name: 'unit', label: t('perf.author.indicator.unit'), help: t('perf.author.indicator.unitHelp') },
        { name: 'description', label: t('perf.author.indicator.description'), multiline: true },
        { name: 'target', label: t('perf.author.indicator.target'), required: true, help: t('perf.author.indicator.targetHelp') },
        { name: 'weight', label: t('perf.author.indicator.weight'), help: t('perf.author.indicator.weightHelp'), inputMode: 'numeric' },
      ]}
      check={(v) => {
        const found: Record<string, string> = {};
        if (v.name!.trim() === '' && v.description!.trim() === '') found.name = t('perf.author.indicator.nameRequired');
        if (v.weight!.trim() !== '') {
          const w = italianNumber(v.weight!);
          if (w === null || w <= 0) found.weight = t('perf.author.indicator.weightInvalid');
        }
        return found;
      }}
      save={async (v) => {
        const weight = v.weight!.trim() === '' ? undefined : italianNumber(v.weight!)!;
        await add.send({
          params: { id: planId, objectiveId },
          body: { name: v.name!.trim(), description: v.description!.trim(), unit: v.unit!.trim(), target: v.target!.trim(), ...(weight !== undefined ? { weight } : {}) },
        });
        return t('perf.author.indicator.done');
      }}
    />
  );
}

/** Thresholds shown and entered as percentages; the API takes fractions (0.9). */
const percent = (x: number) => String(Math.round(x * 10_000) / 100).replace('.', ',');

export function ScoringForm({ plan }: { plan: Plan }) {
  const t = useT();
  const save = useSend(setScoring);
  return (
    <section aria-labelledby="perf-scoring-heading" className="my-4">
      <h2 id="perf-scoring-heading" className="h3">
        {t('perf.author.scoring.title')}
      </h2>
      <p>{t('perf.author.scoring.current', { achieved: percent(plan.scoring.achievedThreshold), partially: percent(plan.scoring.partiallyThreshold) })}</p>
      <AuthoringForm
        idPrefix="perf-scoring"
        openLabel={t('perf.author.scoring.open')}
        submitLabel={t('perf.author.scoring.submit')}
        intro={t('perf.author.scoring.intro')}
        fields={[
          { name: 'achieved', label: t('perf.author.scoring.achieved'), required: true, inputMode: 'numeric', help: t('perf.author.scoring.help') },
          { name: 'partially', label: t('perf.author.scoring.partially'), required: true, inputMode: 'numeric', help: t('perf.author.scoring.help') },
        ]}
        initial={{ achieved: percent(plan.scoring.achievedThreshold), partially: percent(plan.scoring.partiallyThreshold) }}
        check={(v) => {
          const found: Record<string, string> = {};
          for (const f of ['achieved', 'partially'] as const) {
            const n = italianNumber(v[f]!);
            if (v[f]!.trim() !== '' && (n === null || n > 100)) found[f] = t('perf.author.scoring.invalid');
          }
          return found;
        }}
        save={async (v) => {
          const achievedThreshold = italianNumber(v.achieved!)! / 100;
          const partiallyThreshold = italianNumber(v.partially!)! / 100;
          await save.send({ params: { id: plan.id }, body: { achievedThreshold, partiallyThreshold } });
          return t('perf.author.scoring.done', { achieved: percent(achievedThreshold), partially: percent(partiallyThreshold) });
        }}
      />
    </section>
  );
}
