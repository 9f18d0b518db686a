import { useState, type FormEvent } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { useSend } from '../query.ts';
import { formatCents } from '../format.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { TextField } from '../components/Fields.tsx';
import { ActPicker } from './ActPicker.tsx';
import { centsToInput, centsToJson, focusFirstError, parseEuroInput } from './util.ts';
import { RegionalPanel, SubmitButton } from './RegionalShared.tsx';
import { amendReservation, type ReservationDetail } from '../../../src/contract/regional-funds.ts';

/** The reservation's amount (and description) changed by a new DGR: never below what is assigned. */
export function AmendReservationForm({ reservation, onDone, onCancel }: { reservation: ReservationDetail; onDone: (message: string) => void; onCancel: () => void }) {
  const t = useT();
  const [amount, setAmount] = useState(centsToInput(reservation.amount));
  const [description, setDescription] = useState(reservation.description);
  const [actId, setActId] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const { send, busy, error: failure, reset } = useSend(amendReservation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = parseEuroInput(amount);
    const found = {
      amount: cents === null || cents <= 0n ? t('funds.amountInvalid') : cents < BigInt(reservation.assigned) ? t('funds.regional.amend.belowAssigned', { assigned: formatCents(reservation.assigned) }) : undefined,
      act: actId ? undefined : t('funds.act.required', { type: 'DGR' }),
    };
    setErrors(found);
    reset();
    if (focusFirstError({ amount: 'ramend-amount', act: 'ramend-act' }, found)) return;
    try {
      await send({ params: { id: reservation.id }, body: { amount: centsToJson(cents!), actId: Number(actId), description: description.trim() } });
      onDone(t('funds.regional.amend.done', { code: reservation.code, amount: formatCents(cents!) }));
    } catch {
      // shown by the form's ErrorAlert: useSend keeps the failure
    }
  };

  return (
    <RegionalPanel id="ramend-form" title={t('funds.regional.amend.title', { code: reservation.code })} intro={t('funds.regional.amend.intro', { assigned: formatCents(reservation.assigned) })} onSubmit={submit}>
      <ErrorAlert error={failure} />
      <div className="row">
        <div className="col-md-4">
          <TextField id="ramend-amount" label={t('funds.regional.amend.amount')} value={amount} onChange={setAmount} required error={errors.amount} help={t('funds.amountHelp')} />
        </div>
        <div className="col-md-8">
          <TextField id="ramend-description" label={t('funds.line.description')} value={description} onChange={setDescription} maxLength={500} />
        </div>
      </div>
      <ActPicker id="ramend-act" type="DGR" label={t('funds.regional.amend.act')} value={actId} onChange={setActId} error={errors.act} />
      <div className="d-flex gap-2 flex-wrap">
        <SubmitButton busy={busy} label={t('funds.regional.amend.submit')} />
        <Button color="secondary" outline type="button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </RegionalPanel>
  );
}
