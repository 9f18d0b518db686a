import { useRef, useState, type FormEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { upload } from '../api.ts';
import { queryClient, useSend } from '../query.ts';
import { importPlan, importPlanXlsx } from '../../../src/contract/performance/plans.ts';
import type { ReplyOf } from '../../../src/contract/endpoint.ts';
import { Link } from '../router.tsx';
import { formatInteger } from '../format.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

type ImportResult = ReplyOf<typeof importPlan>;

const MAX_BYTES = 20 * 1024 * 1024;

/** Import of a plan: the EXCHANGE.md JSON, or the XLSX workbook (sheets Piano, Centri, Obiettivi, Attività, Indicatori). */
export function PlanImport() {
  const t = useT();
  const sendJson = useSend(importPlan).send;
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setResult(null);
    const file = input.current?.files?.[0];
    const fail = (message: string) => {
      setError(message);
      input.current?.focus();
    };
    if (!file) return fail(t('perf.import.fileRequired'));
    if (file.size > MAX_BYTES) return fail(t('perf.import.tooLarge'));
    const name = file.name.toLowerCase();
    const isJson = name.endsWith('.json');
    if (!isJson && !name.endsWith('.xlsx')) return fail(t('perf.import.wrongType'));
    // JSON.parse answers any: the server's schema and the domain judge what it holds
    let json: Record<string, unknown> = {};
    if (isJson) {
      try {
        json = JSON.parse(await file.text());
      } catch {
        return fail(t('perf.import.badJson'));
      }
    }
    setError(null);
    setBusy(true);
    try {
      let imported: ImportResult;
      if (isJson) {
        // the domain reads the file and names every problem (src/domain/performance/plan.ts)
        imported = await sendJson({ body: json });
      } else {
        const form = new FormData();
        form.append('file', file, file.name);
        imported = await upload(importPlanXlsx, undefined, form);
        // an upload is not sent through useSend: what is on screen is fetched again here
        await queryClient.invalidateQueries();
      }
      setResult(imported);
      if (input.current) input.current.value = '';
    } catch (reason) {
      setFailure(reason);
    } finally {
      setBusy(false);
    }
  };

  const c = result?.counts ?? {};
  return (
    <section className="card card-bg shadow-sm mb-4" aria-labelledby="perf-import-title">
      <div className="card-body">
        <h2 id="perf-import-title" className="h4">
          {t('perf.import.title')}
        </h2>
        <p className="small text-muted">{t('perf.import.intro')}</p>
        <ErrorAlert error={failure} />
        {result && (
          <Alert fade={false} color="success" role="status">
            {t('perf.import.done', {
              centres: formatInteger(c.centres ?? 0),
              objectives: formatInteger(c.objectiveOccurrences ?? 0),
              indicators: formatInteger(c.indicators ?? 0),
            })}{' '}
            <Link to={`/performance/${result.id}`}>{t('perf.import.open')}</Link>
            {result.notes.length > 0 && (
              <ul className="mb-0 mt-2">
                {result.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        <form onSubmit={submit} noValidate>
          <div className="mb-3">
            <label htmlFor="perf-import-file" className="form-label fw-semibold">
              {t('perf.import.file')}
            </label>
            <input
              ref={input}
              id="perf-import-file"
              type="file"
              accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className={`form-control perf-file${error ? ' is-invalid' : ''}`}
              aria-invalid={error ? true : undefined}
              aria-describedby={`perf-import-help${error ? ' perf-import-error' : ''}`}
            />
            <small id="perf-import-help" className="form-text">
              {t('perf.import.help')}
            </small>
            {error && (
              <div id="perf-import-error" className="invalid-feedback d-block">
                {error}
              </div>
            )}
          </div>
          <Button color="primary" type="submit" disabled={busy}>
            {busy ? t('perf.import.busy') : t('perf.import.submit')}
          </Button>
        </form>
      </div>
    </section>
  );
}
