/** Programming (DGR): one intervention line of the annuality; Σ lines ≤ the allocation. */
import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { useSend } from '../query.ts';
import { formatCents } from '../format.ts';
import { TextField } from '../components/Fields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ActPicker } from './ActPicker.tsx';
import { programLine } from '../../../src/contract/fund-programming.ts';
import { centsToInput, centsToJson, focusFirstError, parseEuroInput } from './util.ts';
import { type FormProps, keyOf, Panel, Actions } from './ManageFormParts.tsx';

export function ProgrammeLineForm({ detail, onDone, onCancel }: FormProps) {
  const t = useT();
  const room = detail.allocated - detail.programmed;
  const [code, setCode] = useState('');
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState(room > 0 ? centsToInput(room) : '');
  const [actId, setActId] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const { send, busy, error: failure, reset } = useSend(programLine);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = parseEuroInput(amount);
    const found = {
      code: code.trim() ? undefined : t('funds.line.codeRequired'),
      description: description.trim() ? undefined : t('funds.line.descriptionRequired'),
      amount: cents === null || cents <= 0n ? t('funds.amountInvalid') : undefined,
      act: actId ? undefined : t('funds.act.required', { type: 'DGR' }),
    };
    setErrors(found);
    reset();
    if (focusFirstError({ code: 'line-code', description: 'line-description', amount: 'line-amount', act: 'line-act' }, found)) return;
    try {
      await send({ params: keyOf(detail), body: { code: code.trim(), description: description.trim(), amount: centsToJson(cents!), actId: Number(actId) } });
      onDone(t('funds.line.done', { line: code.trim(), amount: formatCents(cents!) }));
    } catch {
      // shown by the form's ErrorAlert: useSend keeps the failure
    }
  };

  return (
    <Panel id="programme-form" title={t('funds.line.title')} intro={t('funds.line.intro', { room: formatCents(Math.max(0, room)) })} onSubmit={submit}>
      <ErrorAlert error={failure} />
      <div className="row">
        <div className="col-md-3">
          <TextField id="line-code" label={t('funds.line.code')} value={code} onChange={setCode} required error={errors.code} maxLength={40} />
        </div>
        <div className="col-md-6">
          <TextField id="line-description" label={t('funds.line.description')} value={description} onChange={setDescription} required error={errors.description} />
        </div>
        <div className="col-md-3">
          <TextField id="line-amount" label={t('funds.line.amount')} value={amount} onChange={setAmount} required error={errors.amount} help={t('funds.amountHelp')} />
        </div>
      </div>
      <ActPicker id="line-act" type="DGR" label={t('funds.line.act')} value={actId} onChange={setActId} error={errors.act} />
      <Actions busy={busy} submit={t('funds.line.submit')} onCancel={onCancel} />
    </Panel>
  );
}
