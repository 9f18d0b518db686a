/** The half-yearly statement of a chapter (Reg. 26/2017 art. 4 c. 28): figures computed by the server and kept, with the act or communication that reports them. */
import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { useSend } from '../query.ts';
import { recordStatement, type Chapter } from '../../../src/contract/regional-funds.ts';
import { parseCalendarDate } from '../../../src/domain/dates.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ActPicker } from './ActPicker.tsx';
import { focusFirstError } from './util.ts';
import { RegionalPanel, SubmitButton } from './RegionalShared.tsx';

type Reference = 'communication' | 'DGR' | 'DD' | 'ALTRO';

export function StatementForm({ chapter, onDone }: { chapter: Chapter; onDone: (message: string) => void }) {
  const t = useT();
  const years = [...chapter.years].sort((a, b) => a.year - b.year);
  const [year, setYear] = useState(String(years[years.length - 1]?.year ?? ''));
  const [semester, setSemester] = useState('1');
  const [asOf, setAsOf] = useState('');
  const [reference, setReference] = useState<Reference>('communication');
  const [communication, setCommunication] = useState('');
  const [actId, setActId] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const { send, busy, error: failure, reset } = useSend(recordStatement);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      year: year ? undefined : t('funds.regional.reservation.yearRequired'),
      asOf: asOf && parseCalendarDate(asOf) === null ? t('funds.dateInvalid') : undefined,
      communication: reference === 'communication' && !communication.trim() ? t('funds.regional.statement.communicationRequired') : undefined,
      act: reference !== 'communication' && !actId ? t('funds.act.required', { type: reference }) : undefined,
    };
    setErrors(found);
    reset();
    if (focusFirstError({ year: 'statement-year', asOf: 'statement-date', communication: 'statement-communication', act: 'statement-act' }, found)) return;
    try {
      await send({
        params: { id: chapter.id },
        body: {
        year: Number(year),
        semester: semester === '2' ? 2 : 1,
        ...(asOf ? { asOf } : {}),
        ...(reference === 'communication' ? { communication: communication.trim() } : { actId: Number(actId) }),
        },
      });
      setCommunication('');
      onDone(t('funds.regional.statement.done', { semester, year }));
    } catch {
      // shown by the form's ErrorAlert: useSend keeps the failure
    }
  };

  return (
    <RegionalPanel id="statement-form" title={t('funds.regional.statement.title')} intro={t('funds.regional.statement.intro')} onSubmit={submit}>
      <ErrorAlert error={failure} />
      <div className="row">
        <div className="col-md-3">
          <SelectField
            id="statement-year"
            label={t('funds.regional.col.year')}
            value={year}
            onChange={setYear}
            required
            error={errors.year}
            options={[{ value: '', label: t('funds.regional.reservation.yearChoose') }, ...years.map((y) => ({ value: String(y.year), label: String(y.year) }))]}
          />
        </div>
        <div className="col-md-3">
          <SelectField
            id="statement-semester"
            label={t('funds.regional.statement.semester')}
            value={semester}
            onChange={setSemester}
            required
            options={[
              { value: '1', label: t('funds.regional.statement.semester1') },
              { value: '2', label: t('funds.regional.statement.semester2') },
            ]}
          />
        </div>
        <div className="col-md-3">
          <TextField id="statement-date" type="date" label={t('funds.regional.statement.asOf')} value={asOf} onChange={setAsOf} error={errors.asOf} help={t('funds.regional.statement.asOfHelp')} />
        </div>
        <div className="col-md-3">
          <SelectField
            id="statement-reference"
            label={t('funds.regional.statement.reference')}
            value={reference}
            onChange={(v) => {
              setReference(v as Reference);
              setActId('');
            }}
            required
            options={[
              { value: 'communication', label: t('funds.regional.statement.byCommunication') },
              { value: 'DGR', label: t('funds.regional.statement.byAct', { type: 'DGR' }) },
              { value: 'DD', label: t('funds.regional.statement.byAct', { type: 'DD' }) },
              { value: 'ALTRO', label: t('funds.regional.statement.byOtherAct') },
            ]}
          />
        </div>
      </div>
      {reference === 'communication' ? (
        <TextField
          id="statement-communication"
          label={t('funds.regional.statement.communication')}
          value={communication}
          onChange={setCommunication}
          required
          error={errors.communication}
          maxLength={500}
          help={t('funds.regional.statement.communicationHelp')}
        />
      ) : (
        <ActPicker key={reference} id="statement-act" type={reference} label={t('funds.regional.statement.act')} value={actId} onChange={setActId} error={errors.act} />
      )}
      <SubmitButton busy={busy} label={t('funds.regional.statement.submit')} />
    </RegionalPanel>
  );
}
