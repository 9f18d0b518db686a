/**
 * `/importazioni`: the exchange files of docs/EXCHANGE.md (distretti, comuni, fondi, annualita,
 * linee, assegnazioni, liquidazioni, spese — CSV or XLSX, or one zip) imported in one
 * transaction: all or nothing, with a receipt or every error as `file:line: column: message`.
 */
import { useRef, useState, type FormEvent } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { formatBytes, formatDateTime, formatInteger } from '../format.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

/**
 * The answer of POST /api/imports (src/http/routes/imports.ts). The imports endpoints have no
 * contract of their own yet (another area's routes): when they do, this comes from ReplyOf.
 */
interface ImportReceipt {
  receipt: {
    id: number;
    at: string;
    actor: string;
    files: { name: string; sha256: string; bytes: number; lines: number }[];
    archive: { name: string; sha256: string; bytes: number } | null;
    stored: Record<string, { added: number; changed: number; unchanged: number }>;
  };
  summary: string[];
}
import { UploadProgress, uploadWithProgress } from './upload.tsx';

const MAX_FILES = 20;

function ImportReceiptView({ result }: { result: ImportReceipt }) {
  const t = useT();
  const { receipt } = result;
  return (
    <div className="receipt border-start border-4 border-success funds-panel p-3 mt-3" role="status" aria-labelledby="import-receipt-title">
      <h2 id="import-receipt-title" className="h4">
        {t('funds.imports.receiptTitle')}
      </h2>
      <p className="small mb-2">{t('funds.imports.receiptIntro', { at: formatDateTime(receipt.at), id: receipt.id })}</p>
      {receipt.archive && (
        <p className="small">
          {t('funds.imports.archive', { name: receipt.archive.name, size: formatBytes(receipt.archive.bytes) })} <code className="text-break">{receipt.archive.sha256}</code>
        </p>
      )}
      <div className="table-responsive">
        <table className="table table-sm caption-top import-files">
          <caption>{t('funds.imports.filesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('funds.upload.file')}</th>
              <th scope="col" className="text-end">{t('funds.upload.lines')}</th>
              <th scope="col" className="text-end">{t('funds.upload.size')}</th>
              <th scope="col">{t('funds.upload.sha256')}</th>
            </tr>
          </thead>
          <tbody>
            {receipt.files.map((f) => (
              <tr key={`${f.name}-${f.sha256}`}>
                <th scope="row">{f.name}</th>
                <td className="text-end">{formatInteger(f.lines)}</td>
                <td className="text-end">{formatBytes(f.bytes)}</td>
                <td>
                  <code className="text-break small">{f.sha256}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {Object.keys(receipt.stored).length > 0 && (
        <div className="table-responsive">
          <table className="table table-sm caption-top import-stored">
            <caption>{t('funds.imports.storedCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('funds.imports.kind')}</th>
                <th scope="col" className="text-end">{t('funds.imports.added')}</th>
                <th scope="col" className="text-end">{t('funds.imports.changed')}</th>
                <th scope="col" className="text-end">{t('funds.imports.unchanged')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(receipt.stored).map(([kind, c]) => (
                <tr key={kind}>
                  <th scope="row">{kind}</th>
                  <td className="text-end">{formatInteger(c.added)}</td>
                  <td className="text-end">{formatInteger(c.changed)}</td>
                  <td className="text-end">{formatInteger(c.unchanged)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.summary.length > 0 && (
        <ul className="small">
          {result.summary.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <a href={`/api/receipts/${receipt.id}?download=true`} download className="btn btn-outline-success btn-sm">
        {t('funds.upload.download')}
      </a>
    </div>
  );
}

export function ImportsPage() {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [label, setLabel] = useState('');
  const [result, setResult] = useState<ImportReceipt | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setResult(null);
    const files = [...(input.current?.files ?? [])];
    if (files.length === 0) {
      setError(t('funds.imports.filesRequired'));
      input.current?.focus();
      return;
    }
    if (files.length > MAX_FILES) {
      setError(t('funds.imports.tooMany', { max: MAX_FILES }));
      input.current?.focus();
      return;
    }
    const wrong = files.find((f) => !/\.(csv|xlsx|zip)$/i.test(f.name));
    if (wrong) {
      setError(t('funds.imports.wrongType', { name: wrong.name }));
      input.current?.focus();
      return;
    }
    setError(null);
    setLabel(files.map((f) => f.name).join(', '));
    setProgress(0);
    try {
      const form = new FormData();
      for (const f of files) form.append('files', f, f.name);
      setResult(await uploadWithProgress<ImportReceipt>('/api/imports', form, setProgress));
      if (input.current) input.current.value = '';
    } catch (reason) {
      setFailure(reason);
    } finally {
      setProgress(null);
    }
  };

  return (
    <>
      <PageHeading title={t('funds.imports.title')} />
      <p className="lead">{t('funds.imports.intro')}</p>
      <form onSubmit={submit} noValidate className="card card-bg shadow-sm mb-4" aria-labelledby="imports-form-title">
        <div className="card-body">
          <h2 id="imports-form-title" className="h4">
            {t('funds.imports.formTitle')}
          </h2>
          <p className="small">{t('funds.imports.files')}</p>
          <div className="form-group regia-field">
            <label htmlFor="import-files" className="active">
              {t('funds.imports.fileLabel')}
            </label>
            <input
              ref={input}
              id="import-files"
              type="file"
              multiple
              accept=".csv,.xlsx,.zip"
              className={`form-control${error ? ' is-invalid' : ''}`}
              aria-invalid={error ? true : undefined}
              aria-describedby={`import-files-help${error ? ' import-files-error' : ''}`}
            />
            <small id="import-files-help" className="form-text">
              {t('funds.imports.fileHelp', { max: MAX_FILES })}
            </small>
            {error && (
              <div id="import-files-error" className="invalid-feedback d-block">
                {error}
              </div>
            )}
          </div>
          <Button color="primary" type="submit" disabled={progress !== null}>
            {t('funds.imports.submit')}
          </Button>
          {progress !== null && <UploadProgress percent={progress} label={label} />}
          <div className="mt-3">
            <ErrorAlert error={failure} />
          </div>
          {result && <ImportReceiptView result={result} />}
        </div>
      </form>
    </>
  );
}
