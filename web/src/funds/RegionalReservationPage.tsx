/**
 * `/fondi-regionali/prenotazioni/:id`: a reservation (DGR of finalisation) with its assignments to
 * districts, and the implementing act (DD) assigning it with a split criterion: preview first
 * (shares to the cent, their sum equals the amount), then confirm; Σ assignments ≤ reservation.
 * A later DGR may change the reservation's amount, never below what is already assigned.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { actRefLabel } from '../i18n/labels.ts';
import { useEndpoint, useSend } from '../query.ts';
import { formatCents } from '../format.ts';
import { useSession } from '../session.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ActPicker } from './ActPicker.tsx';
import { DistrictSplitInputs } from './DistrictSplitInputs.tsx';
import { useDistrictNames } from './hooks.ts';
import { canManageFunds, centsToInput, centsToJson, focusFirstError, parseEuroInput } from './util.ts';
import { CRITERIA, criterionKey, splitFieldIds, splitRequest, type Criterion, type SplitRequest } from './split-request.ts';
import { chapterPath, RegionalBreadcrumb, RegionalPanel, SubmitButton } from './RegionalShared.tsx';
import { amendReservation, assignReservation, getReservation, previewReservationAssignment, type AssignmentPreview, type ReservationDetail } from '../../../src/contract/regional-funds.ts';
import { SplitPreview } from './SplitPreview.tsx';

function AssignReservationForm({ reservation, names, onDone }: { reservation: ReservationDetail; names: Map<string, string>; onDone: (message: string) => void }) {
  const t = useT();
  const districts = [...names.keys()].sort();
  const [criterion, setCriterion] = useState<Criterion>('population');
  const [amount, setAmount] = useState(reservation.available > 0 ? centsToInput(reservation.available) : '');
  const [fixedPercent, setFixedPercent] = useState('20');
  const [perDistrict, setPerDistrict] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<AssignmentPreview | null>(null);
  const [previewAmount, setPreviewAmount] = useState<bigint | null>(null);
  const [actId, setActId] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const previewing = useSend(previewReservationAssignment);
  const assigning = useSend(assignReservation);
  const busy = previewing.busy || assigning.busy;
  const failure = previewing.error ?? assigning.error;
  const reset = () => {
    previewing.reset();
    assigning.reset();
  };

  // Any change invalidates the preview: what is confirmed is what was seen.
  useEffect(() => {
    setPreview(null);
  }, [criterion, amount, fixedPercent, perDistrict]);

  /** The body of the split request, or null with the errors shown. */
  const body = (): SplitRequest | null => {
    const request = splitRequest(t, { criterion, amount, fixedPercent, perDistrict, districts });
    setErrors(request.errors);
    return focusFirstError(splitFieldIds('rassign', districts), request.errors) ? null : request;
  };

  const computePreview = async () => {
    reset();
    const b = body();
    if (!b) return;
    try {
      const result = await previewing.send({ params: { id: reservation.id }, body: b.json });
      setPreview(result);
      setPreviewAmount(b.total);
      window.setTimeout(() => document.getElementById('rassign-preview-title')?.focus(), 0);
    } catch {
      // shown by the form's ErrorAlert: useSend keeps the failure
    }
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (!preview) {
      await computePreview();
      return;
    }
    const b = body();
    if (!b) return;
    if (!actId) {
      setErrors({ act: t('funds.act.required', { type: 'DD' }) });
      document.getElementById('rassign-act')?.focus();
      return;
    }
    reset();
    try {
      await assigning.send({ params: { id: reservation.id }, body: { ...b.json, actId: Number(actId) } });
      onDone(t('funds.regional.assign.done', { code: reservation.code, amount: formatCents(preview.total), count: preview.shares.filter((s) => s.amount > 0).length }));
    } catch {
      // shown by the form's ErrorAlert: useSend keeps the failure
    }
  };

  const needsTable = criterion === 'manual_percent' || criterion === 'amounts';

  return (
    <RegionalPanel id="rassign-form" title={t('funds.regional.assign.title')} intro={t('funds.regional.assign.intro')} onSubmit={confirm}>
      <ErrorAlert error={failure} />
      <div className="row">
        <div className="col-md-6">
          <SelectField
            id="rassign-criterion"
            label={t('funds.assign.criterion')}
            value={criterion}
            onChange={(v) => setCriterion(v as Criterion)}
            required
            error={errors.split}
            options={CRITERIA.map((c) => ({ value: c, label: t(criterionKey[c]) }))}
          />
        </div>
        {criterion !== 'amounts' && (
          <div className="col-md-6">
            <TextField id="rassign-amount" label={t('funds.assign.amount')} value={amount} onChange={setAmount} required error={errors.amount} help={t('funds.regional.assign.amountHelp', { available: formatCents(reservation.available) })} />
          </div>
        )}
        {criterion === 'fixed_plus_population' && (
          <div className="col-md-6">
            <TextField id="rassign-fixed" label={t('funds.assign.fixedPercent')} value={fixedPercent} onChange={setFixedPercent} required error={errors.fixedPercent} help={t('funds.assign.fixedPercentHelp')} />
          </div>
        )}
      </div>
      {needsTable && (
        <DistrictSplitInputs
          idPrefix="rassign"
          criterion={criterion === 'amounts' ? 'amounts' : 'manual_percent'}
          districts={districts}
          names={names}
          values={perDistrict}
          onChange={setPerDistrict}
          errors={errors}
        />
      )}
      <Button color="primary" outline type="button" className="mb-3" onClick={() => void computePreview()} disabled={busy}>
        {t('funds.assign.preview')}
      </Button>
      {busy && !preview && <Loading />}
      {preview && previewAmount !== null && (
        <SplitPreview idPrefix="rassign" heading="h4" title={t('funds.regional.assign.previewTitle', { code: reservation.code })} criterion={criterion} shares={preview.shares} names={names} expected={previewAmount}>
          <dl className="row small regional-preview-totals">
            <dt className="col-sm-6">{t('funds.regional.assign.reservation')}</dt>
            <dd className="col-sm-6">{formatCents(preview.reservation)}</dd>
            <dt className="col-sm-6">{t('funds.regional.assign.already')}</dt>
            <dd className="col-sm-6">{formatCents(preview.alreadyAssigned)}</dd>
            <dt className="col-sm-6">{t('funds.regional.assign.remaining')}</dt>
            <dd className={`col-sm-6 regional-preview-remaining${preview.remaining < 0 ? ' text-danger fw-bold' : ''}`}>{formatCents(preview.remaining)}</dd>
          </dl>
          {preview.remaining < 0 && <Alert fade={false} color="warning">{t('funds.regional.assign.over', { excess: formatCents(-preview.remaining) })}</Alert>}
          <ActPicker id="rassign-act" type="DD" label={t('funds.assign.act')} value={actId} onChange={setActId} error={errors.act} />
          <SubmitButton busy={assigning.busy} label={t('funds.assign.submit')} />
        </SplitPreview>
      )}
    </RegionalPanel>
  );
}

/** The reservation's amount (and description) changed by a new DGR: never below what is assigned. */
function AmendReservationForm({ reservation, onDone, onCancel }: { reservation: ReservationDetail; onDone: (message: string) => void; onCancel: () => void }) {
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

export function RegionalReservationPage({ id }: { id: number }) {
  const t = useT();
  const { user } = useSession();
  const manager = canManageFunds(user);
  const names = useDistrictNames();
  const reservation = useEndpoint(getReservation, { params: { id } });
  const [done, setDone] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const [amending, setAmending] = useState(false);
  const r = reservation.data;
  const title = r ? t('funds.regional.reservationPage.title', { code: r.code, description: r.description }) : t('funds.regional.reservationPage.titleShort');

  const finished = (message: string) => {
    setDone(message);
    setAmending(false);
    setRound(round + 1);
    window.setTimeout(() => document.getElementById('regional-done')?.focus(), 0);
  };

  const total = r ? r.assignments.reduce((s, a) => s + a.amount, 0) : 0;

  return (
    <>
      <RegionalBreadcrumb
        trail={r ? [{ to: chapterPath(r.chapterId), label: t('funds.regional.chapterPage.crumb', { code: r.chapterCode }) }] : []}
        current={r ? t('funds.regional.reservationPage.crumb', { code: r.code }) : t('funds.regional.reservationPage.titleShort')}
      />
      <PageHeading title={title} />
      <ErrorAlert error={reservation.error} />
      {reservation.loading && !r && <Loading />}
      {done && (
        <div id="regional-done" tabIndex={-1}>
          <Alert fade={false} color="success" role="status">
            {done}
          </Alert>
        </div>
      )}
      {r && (
        <>
          <dl className="row regional-reservation-summary">
            <dt className="col-sm-4">{t('funds.regional.reservationPage.chapter')}</dt>
            <dd className="col-sm-8">{r.chapterCode}</dd>
            <dt className="col-sm-4">{t('funds.col.fund')}</dt>
            <dd className="col-sm-8">{r.fund}</dd>
            <dt className="col-sm-4">{t('funds.regional.col.year')}</dt>
            <dd className="col-sm-8">{r.year}</dd>
            <dt className="col-sm-4">{t('funds.regional.col.amount')}</dt>
            <dd className="col-sm-8 regional-reservation-amount">{formatCents(r.amount)}</dd>
            <dt className="col-sm-4">{t('funds.regional.col.assigned')}</dt>
            <dd className="col-sm-8 regional-reservation-assigned">{formatCents(r.assigned)}</dd>
            <dt className="col-sm-4">{t('funds.regional.col.toAssign')}</dt>
            <dd className="col-sm-8 regional-reservation-available">{formatCents(r.available)}</dd>
            <dt className="col-sm-4">{t('funds.regional.col.dgr')}</dt>
            <dd className="col-sm-8">{actRefLabel(t, r.act)}</dd>
          </dl>

          {manager && (
            <div className="mb-4">
              <Button color="primary" outline className="mb-3" onClick={() => setAmending(true)} aria-expanded={amending} aria-controls="ramend-form">
                {t('funds.regional.amend.open')}
              </Button>
              {amending && <AmendReservationForm reservation={r} onDone={finished} onCancel={() => setAmending(false)} />}
            </div>
          )}

          <section aria-labelledby="assignments-title" className="mb-4">
            <h2 id="assignments-title" className="h3">
              {t('funds.regional.assignments.title')}
            </h2>
            {r.assignments.length === 0 ? (
              <EmptyState text={t('funds.regional.assignments.empty')} />
            ) : (
              <div className="table-responsive">
                <table className="table caption-top table-sm regional-assignments">
                  <caption>{t('funds.regional.assignments.caption', { code: r.code })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('funds.col.district')}</th>
                      <th scope="col">{t('funds.col.name')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.assigned')}</th>
                      <th scope="col">{t('funds.regional.assignments.act')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.assignments.map((a) => (
                      <tr key={`${a.district}/${a.act.id}`}>
                        <th scope="row">{a.district}</th>
                        <td>{names.get(a.district) ?? ''}</td>
                        <td className="text-end">{formatCents(a.amount)}</td>
                        <td>{t('funds.regional.assignments.actValue', { number: a.act.number })}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={2}>
                        {t('funds.dashboard.total')}
                      </th>
                      <td className="text-end fw-bold">{formatCents(total)}</td>
                      <td />
                    </tr>
                  </tfoot>
                </table>
              </div>
            )}
          </section>

          {manager && r.available > 0 && names.size > 0 && (
            <section aria-labelledby="rassign-section-title" className="mb-4">
              <h2 id="rassign-section-title" className="h3">
                {t('funds.regional.assign.section')}
              </h2>
              <AssignReservationForm key={round} reservation={r} names={names} onDone={finished} />
            </section>
          )}
        </>
      )}
    </>
  );
}
