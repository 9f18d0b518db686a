/**
 * `/fondi-regionali/capitoli/:id`: a budget chapter year by year (budget, reserved, assigned,
 * available), the yearly amounts (LEGGE or DGR), the DGRs of finalisation reserving part of it
 * (Σ reservations ≤ budget: the server's Italian refusal is shown as it is) and the half-yearly
 * statements.
 */
import { useState, type FormEvent } from 'react';
import { Alert } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { actRefLabel } from '../i18n/labels.ts';
import { formatCents, formatDate } from '../format.ts';
import { Link } from '../router.tsx';
import { useEndpoint, useSend } from '../query.ts';
import { createReservation, getChapter, listReservations, listStatements, recordStatement, setChapterAmount, type Chapter } from '../../../src/contract/regional-funds.ts';
import { parseCalendarDate } from '../../../src/domain/dates.ts';
import { useSession } from '../session.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ActPicker } from './ActPicker.tsx';
import { canManageFunds, centsToJson, focusFirstError, parseEuroInput } from './util.ts';
import { RegionalBreadcrumb, RegionalPanel, reservationPath, SubmitButton } from './RegionalShared.tsx';

const validYear = (text: string): boolean => /^\d{4}$/.test(text.trim());

function YearAmountForm({ chapter, onDone }: { chapter: Chapter; onDone: (message: string) => void }) {
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

function ReservationForm({ chapter, onDone }: { chapter: Chapter; onDone: (message: string) => void }) {
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

type Reference = 'communication' | 'DGR' | 'DD' | 'ALTRO';

function StatementForm({ chapter, onDone }: { chapter: Chapter; onDone: (message: string) => void }) {
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

export function RegionalChapterPage({ id }: { id: number }) {
  const t = useT();
  const { user } = useSession();
  const manager = canManageFunds(user);
  const chapter = useEndpoint(getChapter, { params: { id } });
  const reservations = useEndpoint(listReservations, { query: { chapter: id } });
  const statements = useEndpoint(listStatements, { params: { id } });
  const [done, setDone] = useState<string | null>(null);
  const c = chapter.data;
  const title = c ? t('funds.regional.chapterPage.title', { code: c.code, description: c.description }) : t('funds.regional.chapterPage.titleShort');

  const finished = (message: string) => {
    setDone(message);
    window.setTimeout(() => document.getElementById('regional-done')?.focus(), 0);
  };

  return (
    <>
      <RegionalBreadcrumb trail={[]} current={c ? t('funds.regional.chapterPage.crumb', { code: c.code }) : t('funds.regional.chapterPage.titleShort')} />
      <PageHeading title={title} />
      <ErrorAlert error={chapter.error} />
      {chapter.loading && !c && <Loading />}
      {done && (
        <div id="regional-done" tabIndex={-1}>
          <Alert fade={false} color="success" role="status">
            {done}
          </Alert>
        </div>
      )}
      {c && (
        <>
          <p className="lead">{t('funds.regional.chapterPage.fund', { fund: c.fundName, code: c.fund })}</p>
          <section aria-labelledby="years-title" className="mb-4">
            <h2 id="years-title" className="h3">
              {t('funds.regional.years.title')}
            </h2>
            {c.years.length === 0 ? (
              <EmptyState text={t('funds.regional.years.empty')} />
            ) : (
              <div className="table-responsive">
                <table className="table caption-top table-sm regional-years">
                  <caption>{t('funds.regional.years.caption', { code: c.code })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('funds.regional.col.year')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.budget')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.reserved')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.assigned')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.available')}</th>
                      <th scope="col">{t('funds.regional.col.budgetAct')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...c.years]
                      .sort((a, b) => a.year - b.year)
                      .map((y) => (
                        <tr key={y.year}>
                          <th scope="row">{y.year}</th>
                          <td className="text-end">{formatCents(y.budget)}</td>
                          <td className="text-end">{formatCents(y.reserved)}</td>
                          <td className="text-end">{formatCents(y.assigned)}</td>
                          <td className="text-end">{formatCents(y.available)}</td>
                          <td>{actRefLabel(t, y.act)}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            )}
            {manager && <YearAmountForm chapter={c} onDone={finished} />}
          </section>

          <section aria-labelledby="reservations-title" className="mb-4">
            <h2 id="reservations-title" className="h3">
              {t('funds.regional.reservations.title')}
            </h2>
            <ErrorAlert error={reservations.error} />
            {reservations.loading && !reservations.data && <Loading />}
            {reservations.data && reservations.data.length === 0 && <EmptyState text={t('funds.regional.reservations.empty')} />}
            {reservations.data && reservations.data.length > 0 && (
              <div className="table-responsive">
                <table className="table caption-top table-sm regional-reservations">
                  <caption>{t('funds.regional.reservations.caption', { code: c.code })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('funds.regional.col.reservation')}</th>
                      <th scope="col">{t('funds.regional.col.description')}</th>
                      <th scope="col">{t('funds.regional.col.year')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.amount')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.assigned')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.toAssign')}</th>
                      <th scope="col">{t('funds.regional.col.dgr')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {reservations.data.map((r) => (
                      <tr key={r.id}>
                        <th scope="row">
                          <Link to={reservationPath(r.id)}>
                            <span className="visually-hidden">{t('funds.regional.col.reservation')} </span>
                            {r.code}
                          </Link>
                        </th>
                        <td>{r.description}</td>
                        <td>{r.year}</td>
                        <td className="text-end">{formatCents(r.amount)}</td>
                        <td className="text-end">{formatCents(r.assigned)}</td>
                        <td className="text-end">{formatCents(r.available)}</td>
                        <td>{actRefLabel(t, r.act)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {manager && <ReservationForm key={c.years.map((y) => y.year).join(',')} chapter={c} onDone={finished} />}
          </section>

          <section aria-labelledby="statements-title" className="mb-4">
            <h2 id="statements-title" className="h3">
              {t('funds.regional.statements.title')}
            </h2>
            <p>{t('funds.regional.statements.intro')}</p>
            <ErrorAlert error={statements.error} />
            {statements.loading && !statements.data && <Loading />}
            {statements.data && statements.data.length === 0 && <EmptyState text={t('funds.regional.statements.empty')} />}
            {statements.data && statements.data.length > 0 && (
              <div className="table-responsive">
                <table className="table caption-top table-sm regional-statements">
                  <caption>{t('funds.regional.statements.caption', { code: c.code })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('funds.regional.statements.period')}</th>
                      <th scope="col">{t('funds.regional.statement.asOf')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.budget')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.reserved')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.assigned')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.available')}</th>
                      <th scope="col">{t('funds.regional.statement.reference')}</th>
                      <th scope="col">{t('funds.regional.statements.recordedBy')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {statements.data.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">{t('funds.regional.statements.periodValue', { semester: s.semester, year: s.year })}</th>
                        <td>{formatDate(s.asOf)}</td>
                        <td className="text-end">{formatCents(s.budget)}</td>
                        <td className="text-end">{formatCents(s.reserved)}</td>
                        <td className="text-end">{formatCents(s.assigned)}</td>
                        <td className="text-end">{formatCents(s.available)}</td>
                        <td>{[s.act ? actRefLabel(t, s.act) : '', s.communication].filter(Boolean).join(' — ')}</td>
                        <td>{s.recordedBy}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {manager && c.years.length > 0 && <StatementForm key={c.years.map((y) => y.year).join(',')} chapter={c} onDone={finished} />}
          </section>
        </>
      )}
    </>
  );
}
