/**
 * The evaluator (OIV) validates the scores: a comment per objective and an overall comment,
 * then an explicit confirmation, because afterwards the plan can no longer change.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { useSend } from '../query.ts';
import { validatePlan } from '../../../src/contract/performance/validation.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ScoreText } from './labels.tsx';
import type { Plan } from '../../../src/contract/performance/readouts.ts';

export function ValidationForm({ plan, onValidated }: { plan: Plan; onValidated: () => void }) {
  const t = useT();
  const [overall, setOverall] = useState('');
  const [comments, setComments] = useState<Record<number, string>>({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const validate = useSend(validatePlan);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  // An objective shared by two centres is commented once, where it first appears.
  const seen = new Set<number>();
  const groups = plan.centres.map((c) => ({
    centre: c,
    objectives: c.objectives.filter((o) => (seen.has(o.id) ? false : (seen.add(o.id), true))),
  }));

  const ask = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setConfirming(true);
  };

  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await validate.send({
        params: { id: plan.id },
        body: {
          comment: overall.trim(),
          objectives: Object.entries(comments)
            .filter(([, text]) => text.trim() !== '')
            .map(([id, text]) => ({ objectiveId: Number(id), comment: text.trim() })),
        },
      });
      onValidated();
    } catch (error) {
      setFailure(error);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card card-bg shadow-sm my-4" aria-labelledby="perf-validation-title">
      <form className="card-body" onSubmit={ask} noValidate>
        <h2 id="perf-validation-title" className="h3">
          {t('perf.validate.title')}
        </h2>
        <p>{t('perf.validate.intro')}</p>
        <ErrorAlert error={failure} />
        {groups.map(({ centre, objectives }) =>
          objectives.length === 0 ? null : (
            <fieldset key={centre.id} className="mb-3">
              <legend className="h5">{centre.name}</legend>
              {objectives.map((o) => (
                <div className="form-group regia-field" key={o.id}>
                  <label htmlFor={`perf-eval-${o.id}`} className="active">
                    {t('perf.validate.objectiveComment', { code: o.code, title: o.title })}
                  </label>
                  <p id={`perf-eval-${o.id}-score`} className="small text-muted mb-1 px-2">
                    {t('perf.validate.score')} <ScoreText score={o.score} status={o.status} />
                  </p>
                  <textarea
                    id={`perf-eval-${o.id}`}
                    rows={2}
                    className="form-control"
                    aria-describedby={`perf-eval-${o.id}-score`}
                    value={comments[o.id] ?? ''}
                    onChange={(e) => setComments({ ...comments, [o.id]: e.target.value })}
                  />
                </div>
              ))}
            </fieldset>
          ),
        )}
        <div className="form-group regia-field">
          <label htmlFor="perf-eval-overall" className="active">
            {t('perf.validate.overall')}
          </label>
          <textarea id="perf-eval-overall" rows={4} className="form-control" value={overall} onChange={(e) => setOverall(e.target.value)} />
        </div>
        {confirming ? (
          <div ref={confirmRef} tabIndex={-1} className="alert alert-warning" role="alertdialog" aria-labelledby="perf-validation-confirm-text">
            <p id="perf-validation-confirm-text" className="mb-3">
              {t('perf.validate.confirmText')}
            </p>
            <div className="d-flex gap-2 flex-wrap">
              <Button color="primary" type="button" onClick={confirm} disabled={busy}>
                {busy ? t('common.saving') : t('perf.validate.confirm')}
              </Button>
              <Button color="secondary" outline type="button" onClick={() => setConfirming(false)} disabled={busy}>
                {t('common.cancel')}
              </Button>
            </div>
          </div>
        ) : (
          <Button color="primary" type="submit">
            {t('perf.validate.submit')}
          </Button>
        )}
      </form>
    </section>
  );
}
