/** The budget of a chapter for a year (budget law or a later change by DGR): never below what is reserved. */
import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { formatCents } from '../format.ts';
import { useSend } from '../query.ts';
import { setChapterAmount, type Chapter } from '../../../src/contract/regional-funds.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ActPicker } from './ActPicker.tsx';
import { centsToJson, focusFirstError, parseEuroInput } from './util.ts';
import { RegionalPanel, SubmitButton } from './RegionalShared.tsx';

const validYear = (text: string): boolean => /^\d{4}$/.test(text.trim());

export function ChapterAmountForm({ chapter, onDone }: { chapter: Chapter; onDone: (message: string) => void }) {
  const t = useT();
  const [year, setYear] = useState('');
  const [amount, setAmount] = useState('');
  const [actType, setActType] = useState<'LEGGE' | 'DGR'>('LEGGE');
  const [actId, setActId] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const { send, busy, error: failure, reset } = useSend(setChapterAmount);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = parseEuroInput(amount);
    const found = {
      year: validYear(year) ? undefined : t('funds.regional.yearInvalid'),
      amount: cents === null || cents <= 0n ? t('funds.amountInvalid') : undefined,
      act: actId ? undefined : t('funds.act.required', { type: actType }),
    };
    setErrors(found);
    reset();
    if (focusFirstError({ year: 'amount-year', amount: 'amount-amount', act: 'amount-act' }, found)) return;
    try {
      await send({ params: { id: chapter.id, year: Number(year.trim()) }, body: { amount: centsToJson(cents!), actId: Number(actId) } });
      setYear('');
      setAmount('');
      setActId('');
      onDone(t('funds.regional.amount.done', { chapter: chapter.code, year: year.trim(), amount: formatCents(cents!) }));
    } catch {
      // shown by the form's ErrorAlert: useSend keeps the failure
    }
  };

  return (
    <RegionalPanel id="amount-form" title={t('funds.regional.amount.title')} intro={t('funds.regional.amount.intro')} onSubmit={submit}>
      <ErrorAlert error={failure} />
      <div className="row">
        <div className="col-md-3">
          <TextField id="amount-year" label={t('funds.regional.col.year')} value={year} onChange={setYear} required error={errors.year} inputMode="numeric" maxLength={4} />
        </div>
        <div className="col-md-4">
          <TextField id="amount-amount" label={t('funds.regional.amount.amount')} value={amount} onChange={setAmount} required error={errors.amount} help={t('funds.amountHelp')} />
        </div>
        <div className="col-md-5">
          <SelectField
            id="amount-act-type"
            label={t('funds.regional.actType')}
            value={actType}
            onChange={(v) => {
              setActType(v === 'DGR' ? 'DGR' : 'LEGGE');
              setActId('');
            }}
            required
            options={[
              { value: 'LEGGE', label: t('funds.regional.actType.law') },
              { value: 'DGR', label: t('funds.regional.actType.dgr') },
            ]}
          />
        </div>
      </div>
      <ActPicker key={actType} id="amount-act" type={actType} label={t('funds.regional.amount.act')} value={actId} onChange={setActId} error={errors.act} />
      <SubmitButton busy={busy} label={t('funds.regional.amount.submit')} />
    </RegionalPanel>
  );
}
