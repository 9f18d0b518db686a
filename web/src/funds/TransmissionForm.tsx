/** The transmission of the annuality's programming to the Ministry: date and protocol. */
import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { useSend } from '../query.ts';
import { TextField } from '../components/Fields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { recordTransmission } from '../../../src/contract/fund-programming.ts';
import { romeDate } from '../../../src/domain/dates.ts';
import { focusFirstError } from './util.ts';
import { type FormProps, keyOf, isCalendarDate, Panel, Actions } from './ManageFormParts.tsx';

export function TransmissionForm({ detail, onDone, onCancel }: FormProps) {
  const t = useT();
  const [date, setDate] = useState<string>(detail.transmission?.transmittedOn ?? romeDate(new Date()));
  const [protocol, setProtocol] = useState(detail.transmission?.protocol ?? '');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const { send, busy, error: failure, reset } = useSend(recordTransmission);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      date: isCalendarDate(date) ? undefined : t('funds.dateInvalid'),
      protocol: protocol.trim() ? undefined : t('funds.transmission.protocolRequired'),
    };
    setErrors(found);
    reset();
    if (focusFirstError({ date: 'transmission-date', protocol: 'transmission-protocol' }, found)) return;
    try {
      await send({ params: keyOf(detail), body: { transmittedOn: date, protocol: protocol.trim() } });
      onDone(t('funds.transmission.done', { protocol: protocol.trim() }));
    } catch {
      // shown by the form's ErrorAlert: useSend keeps the failure
    }
  };

  return (
    <Panel id="transmission-form" title={t('funds.transmission.title')} intro={t('funds.transmission.intro')} onSubmit={submit}>
      <ErrorAlert error={failure} />
      <div className="row">
        <div className="col-md-6">
          <TextField id="transmission-date" type="date" label={t('funds.transmission.date')} value={date} onChange={setDate} required error={errors.date} />
        </div>
        <div className="col-md-6">
          <TextField id="transmission-protocol" label={t('funds.transmission.protocol')} value={protocol} onChange={setProtocol} required error={errors.protocol} />
        </div>
      </div>
      <Actions busy={busy} submit={t('funds.transmission.submit')} onCancel={onCancel} />
    </Panel>
  );
}
