/** The implementing act (DD) assigning a reservation to the districts with a split criterion: preview first (shares to the cent), then confirm; Σ assignments ≤ reservation. */
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { useSend } from '../query.ts';
import { formatCents } from '../format.ts';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ActPicker } from './ActPicker.tsx';
import { SplitEntry, useSplitDraft } from './SplitEntry.tsx';
import { focusFirstError } from './util.ts';
import { splitFieldIds, type SplitRequest } from './split-request.ts';
import { RegionalPanel, SubmitButton } from './RegionalShared.tsx';
import { assignReservation, previewReservationAssignment, type AssignmentPreview, type ReservationDetail } from '../../../src/contract/regional-funds.ts';
import { SplitPreview } from './SplitPreview.tsx';

export function AssignReservationForm({ reservation, names, onDone }: { reservation: ReservationDetail; names: Map<string, string>; onDone: (message: string) => void }) {
  const t = useT();
  const districts = [...names.keys()].sort();
  const split = useSplitDraft(reservation.available);
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
  }, split.deps);

  /** The body of the split request, or null with the errors shown. */
  const body = (): SplitRequest | null => {
    const request = split.request(districts);
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


  return (
    <RegionalPanel id="rassign-form" title={t('funds.regional.assign.title')} intro={t('funds.regional.assign.intro')} onSubmit={confirm}>
      <ErrorAlert error={failure} />
      <SplitEntry idPrefix="rassign" draft={split} districts={districts} names={names} errors={errors} amountHelp={t('funds.regional.assign.amountHelp', { available: formatCents(reservation.available) })} />
      <Button color="primary" outline type="button" className="mb-3" onClick={() => void computePreview()} disabled={busy}>
        {t('funds.assign.preview')}
      </Button>
      {busy && !preview && <Loading />}
      {preview && previewAmount !== null && (
        <SplitPreview idPrefix="rassign" heading="h4" title={t('funds.regional.assign.previewTitle', { code: reservation.code })} criterion={split.criterion} shares={preview.shares} names={names} expected={previewAmount}>
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
