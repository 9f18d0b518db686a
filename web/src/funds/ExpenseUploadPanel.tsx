/** A CSV or XLSX of expenses added to the draft: all lines or none, with a receipt. */
import { useRef, useState, type FormEvent } from 'react';
import { Button } from 'design-react-kit';
import { useQueryClient } from '@tanstack/react-query';
import { useT } from '../i18n/i18n.tsx';
import { pathOf } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import type { ReplyOf } from '../../../src/contract/endpoint.ts';
import { uploadExpenses, type UploadReceipt } from '../../../src/contract/fund-reporting.ts';
import { UploadProgress, uploadWithProgress } from './upload.tsx';
import { ExpenseReceipt } from './ExpenseReceipt.tsx';

const MAX_UPLOAD = 100 * 1024 * 1024;

export function ExpenseUploadPanel({ code, year, onUploaded }: { code: string; year: number; onUploaded: () => void }) {
  const t = useT();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [receipt, setReceipt] = useState<UploadReceipt | null>(null);
  const [fileName, setFileName] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setReceipt(null);
    const file = input.current?.files?.[0];
    if (!file) {
      setError(t('funds.upload.fileRequired'));
      input.current?.focus();
      return;
    }
    if (!/\.(csv|xlsx)$/i.test(file.name)) {
      setError(t('funds.upload.wrongType'));
      input.current?.focus();
      return;
    }
    if (file.size > MAX_UPLOAD) {
      setError(t('funds.upload.tooLarge'));
      input.current?.focus();
      return;
    }
    setError(null);
    setFileName(file.name);
    setProgress(0);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const result = await uploadWithProgress<ReplyOf<typeof uploadExpenses>>(pathOf(uploadExpenses.url, { code, year }), form, setProgress);
      setReceipt(result);
      if (input.current) input.current.value = '';
      // a multipart upload goes around useSend: what it changed is fetched again the same way
      void client.invalidateQueries();
      onUploaded();
    } catch (reason) {
      setFailure(reason);
    } finally {
      setProgress(null);
    }
  };

  return (
    <section className="card card-bg shadow-sm mb-4" aria-labelledby="upload-title">
      <form className="card-body" onSubmit={submit} noValidate>
        <h2 id="upload-title" className="h4">
          {t('funds.upload.title')}
        </h2>
        <p className="small">{t('funds.upload.intro', { year })}</p>
        <p className="small">
          <code>distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto</code>
        </p>
        <div className="form-group regia-field">
          <label htmlFor="expense-file" className="active">
            {t('funds.upload.fileLabel')}
          </label>
          <input
            ref={input}
            id="expense-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className={`form-control${error ? ' is-invalid' : ''}`}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'expense-file-error' : undefined}
          />
          {error && (
            <div id="expense-file-error" className="invalid-feedback d-block">
              {error}
            </div>
          )}
        </div>
        <Button color="primary" type="submit" disabled={progress !== null}>
          {t('funds.upload.submit')}
        </Button>
        {progress !== null && <UploadProgress percent={progress} label={fileName} />}
        <div className="mt-3">
          <ErrorAlert error={failure} />
        </div>
        {receipt && <ExpenseReceipt receipt={receipt} />}
      </form>
    </section>
  );
}
