/** A district asks to correct a line already submitted: never by e-mail, never by overwrite. */
import { useState, type FormEvent } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { useSend } from '../query.ts';
import { TextField } from '../components/Fields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import type { ExpenseLine } from '../../../src/contract/fund-reporting.ts';
import { requestCorrection } from '../../../src/contract/fund-review.ts';
import { centsToJson, parseEuroInput } from './util.ts';

export function CorrectionRequestForm({ line, onDone, onCancel }: { line: ExpenseLine; onDone: (message: string) => void; onCancel: () => void }) {
  const t = useT();
  const prefix = `correction-${line.id}`;
  const [amount, setAmount] = useState('');
  const [area, setArea] = useState('');
  const [description, setDescription] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; reason?: string }>({});
  const { send, busy, error: failure, reset } = useSend(requestCorrection);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = amount.trim() ? parseEuroInput(amount) : null;
    const found: typeof errors = {};
    if (amount.trim() && (cents === null || cents <= 0n)) found.amount = t('funds.amountInvalid');
    if (!reason.trim()) found.reason = t('funds.report.correctionReasonRequired');
    setErrors(found);
    reset();
    if (found.amount) return document.getElementById(`${prefix}-amount`)?.focus();
    if (found.reason) return document.getElementById(`${prefix}-reason`)?.focus();
    try {
      const created = await send({
        params: { id: line.id },
        body: {
          reason: reason.trim(),
          ...(cents !== null ? { amount: centsToJson(cents) } : {}),
          ...(area.trim() ? { area: area.trim() } : {}),
          ...(description.trim() ? { description: description.trim() } : {}),
        },
      });
      onDone(t('funds.report.correctionSent', { id: created.id, document: line.document }));
    } catch {
      // shown by the form's ErrorAlert: useSend keeps the failure
    }
  };

  return (
    <form onSubmit={submit} noValidate className="p-3 funds-panel border rounded" aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`} className="h6">
        {t('funds.report.correctionTitle', { document: line.document })}
      </h3>
      <p className="small">{t('funds.report.correctionIntro')}</p>
      <ErrorAlert error={failure} />
      <div className="row">
        <div className="col-md-4">
          <TextField id={`${prefix}-amount`} label={t('funds.report.correctionAmount')} value={amount} onChange={setAmount} error={errors.amount} />
        </div>
        <div className="col-md-4">
          <TextField id={`${prefix}-area`} label={t('funds.report.correctionArea')} value={area} onChange={setArea} />
        </div>
        <div className="col-md-4">
          <TextField id={`${prefix}-description`} label={t('funds.report.correctionDescription')} value={description} onChange={setDescription} />
        </div>
        <div className="col-12">
          <TextField id={`${prefix}-reason`} label={t('funds.report.correctionReason')} value={reason} onChange={setReason} required error={errors.reason} />
        </div>
      </div>
      <div className="d-flex gap-2">
        <Button color="primary" size="sm" type="submit" disabled={busy}>
          {t('funds.report.correctionSubmit')}
        </Button>
        <Button color="secondary" outline size="sm" type="button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
