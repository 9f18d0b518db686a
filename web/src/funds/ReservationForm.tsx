/** A reservation (DGR of finalisation): part of a chapter year kept for an intervention; Σ reservations ≤ budget. */
import { useState, type FormEvent } from 'react';
import { Alert } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { formatCents } from '../format.ts';
import { useSend } from '../query.ts';
import { createReservation, type Chapter } from '../../../src/contract/regional-funds.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ActPicker } from './ActPicker.tsx';
import { centsToJson, focusFirstError, parseEuroInput } from './util.ts';
import { RegionalPanel, SubmitButton } from './RegionalShared.tsx';

export function ReservationForm({ chapter, onDone }: { chapter: Chapter; onDone: (message: string) => void }) {
  const t = useT();
  const years = [...chapter.years].sort((a, b) => a.year - b.year);
  const [code, setCode] = useState('');
  const [description, setDescription] = useState('');
  const [year, setYear] = useState(String(years.find((y) => y.available > 0)?.year ?? years[0]?.year ?? ''));
  const [amount, setAmount] = useState('');
  const [actId, setActId] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const { send, busy, error: failure, reset } = useSend(createReservation);
  const current = chapter.years.find((y) => String(y.year) === year);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = parseEuroInput(amount);
    const found = {
      code: code.trim() ? undefined : t('funds.regional.reservation.codeRequired'),
      description: description.trim() ? undefined : t('funds.regional.reservation.descriptionRequired'),
      year: year ? undefined : t('funds.regional.reservation.yearRequired'),
      amount: cents === null || cents <= 0n ? t('funds.amountInvalid') : undefined,
      act: actId ? undefined : t('funds.act.required', { type: 'DGR' }),
    };
    setErrors(found);
    reset();
    if (focusFirstError({ code: 'reservation-code', description: 'reservation-description', year: 'reservation-year', amount: 'reservation-amount', act: 'reservation-act' }, found)) return;
    try {
      await send({
        params: { id: chapter.id },
        body: { year: Number(year), code: code.trim(), description: description.trim(), amount: centsToJson(cents!), actId: Number(actId) },
      });
      setCode('');
      setDescription('');
      setAmount('');
      onDone(t('funds.regional.reservation.done', { code: code.trim(), year, amount: formatCents(cents!) }));
    } catch {
      // the failure is shown by the form's ErrorAlert (useSend keeps it), at the form's top
      window.setTimeout(() => document.getElementById('reservation-form-title')?.scrollIntoView({ block: 'start' }), 0);
    }
  };

  return (
    <RegionalPanel id="reservation-form" title={t('funds.regional.reservation.title')} intro={t('funds.regional.reservation.intro')} onSubmit={submit}>
      <ErrorAlert error={failure} />
      {years.length === 0 && <Alert fade={false} color="warning">{t('funds.regional.reservation.noYears')}</Alert>}
      <div className="row">
        <div className="col-md-3">
          <TextField id="reservation-code" label={t('funds.regional.reservation.code')} value={code} onChange={setCode} required error={errors.code} maxLength={40} />
        </div>
        <div className="col-md-9">
          <TextField id="reservation-description" label={t('funds.regional.reservation.description')} value={description} onChange={setDescription} required error={errors.description} maxLength={500} />
        </div>
        <div className="col-md-4">
          <SelectField
            id="reservation-year"
            label={t('funds.regional.col.year')}
            value={year}
            onChange={setYear}
            required
            error={errors.year}
            options={[{ value: '', label: t('funds.regional.reservation.yearChoose') }, ...years.map((y) => ({ value: String(y.year), label: t('funds.regional.reservation.yearOption', { year: y.year, available: formatCents(y.available) }) }))]}
          />
        </div>
        <div className="col-md-8">
          <TextField
            id="reservation-amount"
            label={t('funds.regional.reservation.amount')}
            value={amount}
            onChange={setAmount}
            required
            error={errors.amount}
            help={current ? t('funds.regional.reservation.amountHelp', { available: formatCents(current.budget - current.reserved) }) : t('funds.amountHelp')}
          />
        </div>
      </div>
      <ActPicker id="reservation-act" type="DGR" label={t('funds.regional.reservation.act')} value={actId} onChange={setActId} error={errors.act} />
      <SubmitButton busy={busy} label={t('funds.regional.reservation.submit')} />
    </RegionalPanel>
  );
}
