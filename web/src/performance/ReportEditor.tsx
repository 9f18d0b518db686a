/** "Report al 31/12": the year-end report of an objective, edited by area and consortium managers. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { useSend } from '../query.ts';
import { setObjectiveReport } from '../../../src/contract/performance/monitoring.ts';
import { errorText } from '../components/ErrorAlert.tsx';

export function ReportEditor({ planId, objectiveId, report, editable, onSaved }: { planId: number; objectiveId: number; report: string; editable: boolean; onSaved: () => void }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(report);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const save = useSend(setObjectiveReport);

  useEffect(() => {
    if (editing) area.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      button.current?.focus();
    }
  }, [editing]);

  const close = () => {
    returnFocus.current = true;
    setEditing(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await save.send({ params: { id: planId, objectiveId }, body: { report: draft } });
      onSaved();
      close();
    } catch (reason) {
      setError(errorText(reason, t));
      area.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  if (editing) {
    return (
      <form onSubmit={submit} noValidate>
        <div className="form-group regia-field">
          <label htmlFor="perf-report" className="active">
            {t('perf.report.label')}
          </label>
          <textarea
            ref={area}
            id="perf-report"
            rows={10}
            className={`form-control${error ? ' is-invalid' : ''}`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'perf-report-error' : undefined}
          />
          {error && (
            <div id="perf-report-error" className="invalid-feedback d-block" role="alert">
              {error}
            </div>
          )}
        </div>
        <div className="d-flex gap-2">
          <Button color="primary" type="submit" disabled={busy}>
            {busy ? t('common.saving') : t('perf.report.save')}
          </Button>
          <Button color="secondary" outline type="button" onClick={close} disabled={busy}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    );
  }
  return (
    <>
      {report ? <p className="perf-text">{report}</p> : <p className="text-muted">{t('perf.report.empty')}</p>}
      {editable && (
        <Button
          innerRef={button}
          color="primary"
          outline
          size="sm"
          type="button"
          onClick={() => {
            setDraft(report);
            setError(null);
            setEditing(true);
          }}
        >
          {report ? t('perf.report.edit') : t('perf.report.write')}
        </Button>
      )}
    </>
  );
}
