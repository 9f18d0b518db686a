/** A tranche to a district (DD), after the gating pre-check says whether and how much may be paid. */
import { useEffect, useState, type FormEvent } from 'react';
import { Alert } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { useEndpoint, useSend } from '../query.ts';
import { formatCents } from '../format.ts';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { ActPicker } from './ActPicker.tsx';
import { checkDisbursement, disburse } from '../../../src/contract/fund-programming.ts';
import { romeDate } from '../../../src/domain/dates.ts';
import { centsToInput, centsToJson, focusFirstError, parseEuroInput } from './util.ts';
import { type FormProps, keyOf, isCalendarDate, Panel, Actions } from './ManageFormParts.tsx';

export function DisburseForm({ detail, districts, names, onDone, onCancel }: FormProps) {
  const t = useT();
  const [district, setDistrict] = useState('');
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState<string>(romeDate(new Date()));
  const [actId, setActId] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const { send, busy, error: failure, reset } = useSend(disburse);
  // The pre-check runs as soon as a district is chosen: the reason is known before submitting.
  const checked = useEndpoint(checkDisbursement, district ? { params: keyOf(detail), query: { district } } : null);
  const check = district ? checked.data : null;
  const checking = checked.loading;
  const checkError = district ? checked.error : null;
  const toDisburse = check?.toDisburse;

  useEffect(() => {
    setAmount(toDisburse !== undefined && toDisburse > 0 ? centsToInput(toDisburse) : '');
  }, [district, toDisburse]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = parseEuroInput(amount);
    const found = {
      district: district ? undefined : t('funds.disburse.districtRequired'),
      amount: cents === null || cents <= 0n ? t('funds.amountInvalid') : undefined,
      paidOn: isCalendarDate(paidOn) ? undefined : t('funds.dateInvalid'),
      act: actId ? undefined : t('funds.act.required', { type: 'DD' }),
    };
    setErrors(found);
    reset();
    if (focusFirstError({ district: 'disburse-district', amount: 'disburse-amount', paidOn: 'disburse-date', act: 'disburse-act' }, found)) return;
    try {
      await send({ params: keyOf(detail), body: { district, amount: centsToJson(cents!), paidOn, actId: Number(actId) } });
      onDone(t('funds.disburse.done', { amount: formatCents(cents!), district }));
    } catch {
      // shown by the form's ErrorAlert: useSend keeps the failure
    }
  };

  const allowed = check?.allowed === true && check.toDisburse > 0;

  return (
    <Panel id="disburse-form" title={t('funds.disburse.title')} intro={t('funds.disburse.intro')} onSubmit={submit}>
      <ErrorAlert error={failure} />
      <div className="row">
        <div className="col-md-6">
          <SelectField
            id="disburse-district"
            label={t('funds.disburse.district')}
            value={district}
            onChange={setDistrict}
            required
            error={errors.district}
            options={[{ value: '', label: t('funds.disburse.districtChoose') }, ...districts.map((d) => ({ value: d, label: `${d} — ${names.get(d) ?? d}` }))]}
          />
        </div>
      </div>
      <div aria-live="polite" className="disburse-check">
        {checking && <Loading />}
        <ErrorAlert error={checkError} />
        {check && check.allowed && check.toDisburse > 0 && (
          <Alert fade={false} color="success">
            <strong>{t('funds.disburse.allowedTitle')}</strong> {t('funds.disburse.allowed', { district, amount: formatCents(check.toDisburse) })}
          </Alert>
        )}
        {check && check.allowed && check.toDisburse <= 0 && (
          <Alert fade={false} color="warning">
            <strong>{t('funds.disburse.nothingTitle')}</strong> {t('funds.disburse.nothing', { district })}
          </Alert>
        )}
        {check && !check.allowed && (
          <Alert fade={false} color="danger">
            <strong>{t('funds.disburse.refusedTitle')}</strong> {check.reason ?? ''}
            <br />
            {t('funds.disburse.missing', { missing: formatCents(check.missing), toDisburse: formatCents(check.toDisburse) })}
          </Alert>
        )}
      </div>
      {allowed && (
        <>
          <div className="row">
            <div className="col-md-6">
              <TextField id="disburse-amount" label={t('funds.disburse.amount')} value={amount} onChange={setAmount} required error={errors.amount} help={t('funds.disburse.amountHelp', { amount: formatCents(check.toDisburse) })} />
            </div>
            <div className="col-md-6">
              <TextField id="disburse-date" type="date" label={t('funds.disburse.paidOn')} value={paidOn} onChange={setPaidOn} required error={errors.paidOn} />
            </div>
          </div>
          <ActPicker id="disburse-act" type="DD" label={t('funds.disburse.act')} value={actId} onChange={setActId} error={errors.act} />
        </>
      )}
      <Actions busy={busy} submit={t('funds.disburse.submit')} onCancel={onCancel} disabled={!allowed} />
    </Panel>
  );
}
