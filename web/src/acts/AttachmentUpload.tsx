import { useRef, useState, type FormEvent } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { actRefLabel } from '../i18n/labels.ts';
import { useQueryClient } from '@tanstack/react-query';
import { upload } from '../api.ts';
import { attachToAct } from '../../../src/contract/acts.ts';
import { MAX_ATTACHMENT_BYTES } from '../../../src/domain/acts.ts';
import { formatBytes, formatDateTime, formatInteger } from '../format.ts';
import type { Act, Attachment } from '../types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';


export function Receipt({ attachment }: { attachment: Attachment }) {
  const t = useT();
  return (
    <div className="receipt border-start border-4 border-success bg-light p-3 mt-3" role="status" aria-labelledby="receipt-title">
      <h3 id="receipt-title" className="h5">
        {t('upload.receiptTitle')}
      </h3>
      <p className="small">{t('upload.receiptIntro')}</p>
      <dl className="row mb-0">
        <dt className="col-sm-3">{t('upload.fileName')}</dt>
        <dd className="col-sm-9 receipt-file-name">{attachment.fileName}</dd>
        <dt className="col-sm-3">{t('upload.size')}</dt>
        <dd className="col-sm-9 receipt-size">
          {formatBytes(attachment.bytes)} ({formatInteger(attachment.bytes)} byte)
        </dd>
        <dt className="col-sm-3">{t('upload.sha256')}</dt>
        <dd className="col-sm-9">
          <code className="receipt-sha256 text-break">{attachment.sha256}</code>
        </dd>
        <dt className="col-sm-3">{t('upload.storedAt')}</dt>
        <dd className="col-sm-9 receipt-stored-at">{formatDateTime(attachment.storedAt)}</dd>
      </dl>
    </div>
  );
}

/** Multipart upload of one file for an act, then the receipt (name, size, SHA-256, time). */
export function AttachmentUpload({ act, onUploaded, onClose }: { act: Act; onUploaded: (act: Act) => void; onClose: () => void }) {
  const t = useT();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<Attachment | null>(null);
  const ref = actRefLabel(t, act);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const file = input.current?.files?.[0];
    if (!file) {
      setError(t('upload.fileRequired'));
      input.current?.focus();
      return;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setError(t('upload.tooLarge'));
      input.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const updated = await upload(attachToAct, { id: act.id }, form);
      // what is on screen (the register's row) is fetched again, as after every change
      void client.invalidateQueries();
      if (updated.attachment) setReceipt(updated.attachment);
      onUploaded(updated);
    } catch (reason) {
      setFailure(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card card-bg shadow-sm mb-4 upload-panel" aria-labelledby="upload-title">
      <div className="card-body">
        <h2 id="upload-title" className="h3">
          {t('upload.title', { act: ref })}
        </h2>
        <p className="text-muted">{act.subject}</p>
        <ErrorAlert error={failure} />
        <form onSubmit={submit} noValidate>
          <div className="mb-3">
            <label htmlFor="upload-file" className="form-label fw-semibold">
              {t('upload.file')}
            </label>
            <input
              ref={input}
              id="upload-file"
              type="file"
              className={`form-control${error ? ' is-invalid' : ''}`}
              onChange={() => setError(null)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'upload-file-error' : undefined}
            />
            {error && (
              <div id="upload-file-error" className="invalid-feedback d-block">
                {error}
              </div>
            )}
          </div>
          <div className="d-flex gap-2">
            <Button color="primary" type="submit" disabled={busy}>
              {busy ? t('upload.uploading') : t('upload.submit')}
            </Button>
            <Button color="secondary" outline type="button" onClick={onClose}>
              {t('common.close')}
            </Button>
          </div>
        </form>
        {receipt && <Receipt attachment={receipt} />}
      </div>
    </section>
  );
}
