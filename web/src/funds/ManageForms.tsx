/**
 * The Region's money steps on a fund annuality (DOMAIN.md "National funds: the life cycle"):
 * programming a line (DGR), assigning it to districts with the split helper (DD),
 * disbursing a tranche after the gating pre-check (DD), recording the transmission to the ministry,
 * changing the annuality's gating rule (by an act).
 * Every step cites its act; the server's Italian refusal is shown as it is.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { api, request } from '../api.ts';
import { formatCents, formatInteger } from '../format.ts';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { ActPicker } from './ActPicker.tsx';
import { DistrictSplitInputs } from './DistrictSplitInputs.tsx';
import type { AnnualityDetail, DisbursementCheck, GatingRuleJson, SplitPreview } from './types.ts';
import { centsToInput, centsToJson, focusFirstError, fractionToPercent, isCalendarDate, parseEuroInput, percentToFraction, todayInRome } from './util.ts';
import { CRITERIA, criterionKey, splitFieldIds, splitRequest, type Criterion } from './split-request.ts';

interface FormProps {
  detail: AnnualityDetail;
  districts: string[];
  names: Map<string, string>;
  onDone: (message: string) => void;
  onCancel: () => void;
}

const base = (d: AnnualityDetail) => `/api/funds/${encodeURIComponent(d.fund)}/annualities/${d.annuality}`;

function Panel({ id, title, intro, children, onSubmit }: { id: string; title: string; intro?: string; children: ReactNode; onSubmit: (e: FormEvent) => void }) {
  const t = useT();
  return (
    <form id={id} onSubmit={onSubmit} noValidate className="card card-bg shadow-sm mb-4 funds-action" aria-labelledby={`${id}-title`}>
      <div className="card-body">
        <h2 id={`${id}-title`} className="h4">
          {title}
        </h2>
        {intro && <p className="small">{intro}</p>}
        <p className="small text-muted">{t('common.requiredNote')}</p>
        {children}
      </div>
    </form>
  );
}

function Actions({ busy, submit, onCancel, disabled }: { busy: boolean; submit: string; onCancel: () => void; disabled?: boolean }) {
  const t = useT();
  return (
    <div className="d-flex gap-2 flex-wrap">
      <Button color="primary" type="submit" disabled={busy || disabled}>
        {busy ? t('common.saving') : submit}
      </Button>
      <Button color="secondary" outline type="button" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </div>
  );
}

export function ProgrammeLineForm({ detail, onDone, onCancel }: FormProps) {
  const t = useT();
  const room = detail.allocated - detail.programmed;
  const [code, setCode] = useState('');
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState(room > 0 ? centsToInput(room) : '');
  const [actId, setActId] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

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
    setFailure(null);
    if (focusFirstError({ code: 'line-code', description: 'line-description', amount: 'line-amount', act: 'line-act' }, found)) return;
    setBusy(true);
    try {
      await api.post(`${base(detail)}/lines`, { code: code.trim(), description: description.trim(), amount: centsToJson(cents!), actId: Number(actId) });
      onDone(t('funds.line.done', { line: code.trim(), amount: formatCents(cents!) }));
    } catch (reason) {
      setFailure(reason);
    } finally {
      setBusy(false);
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

export function AssignForm({ detail, districts, names, onDone, onCancel, initialLine }: FormProps & { initialLine?: string }) {
  const t = useT();
  const open = detail.lines.filter((l) => l.amount > l.assigned);
  const [line, setLine] = useState(initialLine ?? open[0]?.code ?? '');
  const current = detail.lines.find((l) => l.code === line);
  const available = current ? current.amount - current.assigned : 0;
  const [criterion, setCriterion] = useState<Criterion>('population');
  const [amount, setAmount] = useState(available > 0 ? centsToInput(available) : '');
  const [fixedPercent, setFixedPercent] = useState('20');
  const [perDistrict, setPerDistrict] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<SplitPreview | null>(null);
  const [previewAmount, setPreviewAmount] = useState<bigint | null>(null);
  const [actId, setActId] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // A change of line or criterion invalidates the preview: what is confirmed is what was seen.
  useEffect(() => {
    setPreview(null);
  }, [line, criterion, amount, fixedPercent, perDistrict]);

  const changeLine = (code: string) => {
    setLine(code);
    const l = detail.lines.find((x) => x.code === code);
    if (l && l.amount > l.assigned) setAmount(centsToInput(l.amount - l.assigned));
  };

  /** The body of the split request, or null with the errors shown. */
  const body = (): { json: Record<string, unknown>; total: bigint } | null => {
    const request = splitRequest(t, { criterion, amount, fixedPercent, perDistrict, districts });
    const found: Record<string, string> = line ? request.errors : { line: t('funds.assign.lineRequired'), ...request.errors };
    setErrors(found);
    return focusFirstError({ line: 'assign-line', ...splitFieldIds('assign', districts) }, found) ? null : request;
  };

  const computePreview = async () => {
    setFailure(null);
    const b = body();
    if (!b) return;
    setBusy(true);
    try {
      const result = await api.post<SplitPreview>(`${base(detail)}/lines/${encodeURIComponent(line)}/assignments/preview`, b.json);
      setPreview(result);
      setPreviewAmount(b.total);
      window.setTimeout(() => document.getElementById('assign-preview-title')?.focus(), 0);
    } catch (reason) {
      setFailure(reason);
    } finally {
      setBusy(false);
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
      document.getElementById('assign-act')?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await api.post(`${base(detail)}/lines/${encodeURIComponent(line)}/assignments`, { ...b.json, actId: Number(actId) });
      onDone(t('funds.assign.done', { line, amount: formatCents(preview.total), count: preview.shares.filter((s) => s.amount > 0).length }));
    } catch (reason) {
      setFailure(reason);
    } finally {
      setBusy(false);
    }
  };

  const sum = preview ? preview.shares.reduce((s, x) => s + x.amount, 0) : 0;
  const sumMatches = preview !== null && previewAmount !== null && BigInt(sum) === previewAmount;
  const needsTable = criterion === 'manual_percent' || criterion === 'amounts';

  return (
    <Panel id="assign-form" title={t('funds.assign.title')} intro={t('funds.assign.intro')} onSubmit={confirm}>
      <ErrorAlert error={failure} />
      {detail.lines.length === 0 && <Alert fade={false} color="warning">{t('funds.assign.noLines')}</Alert>}
      <div className="row">
        <div className="col-md-6">
          <SelectField
            id="assign-line"
            label={t('funds.assign.line')}
            value={line}
            onChange={changeLine}
            required
            error={errors.line}
            options={[
              { value: '', label: t('funds.assign.lineChoose') },
              ...detail.lines.map((l) => ({ value: l.code, label: t('funds.assign.lineOption', { code: l.code, description: l.description, available: formatCents(l.amount - l.assigned) }) })),
            ]}
          />
        </div>
        <div className="col-md-6">
          <SelectField
            id="assign-criterion"
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
            <TextField id="assign-amount" label={t('funds.assign.amount')} value={amount} onChange={setAmount} required error={errors.amount} help={t('funds.assign.amountHelp', { available: formatCents(available) })} />
          </div>
        )}
        {criterion === 'fixed_plus_population' && (
          <div className="col-md-6">
            <TextField id="assign-fixed" label={t('funds.assign.fixedPercent')} value={fixedPercent} onChange={setFixedPercent} required error={errors.fixedPercent} help={t('funds.assign.fixedPercentHelp')} />
          </div>
        )}
      </div>
      {needsTable && (
        <DistrictSplitInputs
          idPrefix="assign"
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
      {preview && (
        <section aria-labelledby="assign-preview-title" className="mb-3">
          <h3 id="assign-preview-title" className="h5" tabIndex={-1}>
            {t('funds.assign.previewTitle', { line })}
          </h3>
          <div className="table-responsive funds-preview" tabIndex={0} role="region" aria-labelledby="assign-preview-title">
            <table className="table table-sm caption-top assign-preview">
              <caption>{t('funds.assign.previewCaption', { criterion: t(criterionKey[criterion]) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('funds.col.district')}</th>
                  <th scope="col">{t('funds.col.name')}</th>
                  <th scope="col" className="text-end">
                    {t('funds.assign.colShare')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.shares.map((s) => (
                  <tr key={s.district}>
                    <th scope="row">{s.district}</th>
                    <td>{names.get(s.district) ?? ''}</td>
                    <td className="text-end">{formatCents(s.amount)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    {t('funds.assign.sum', { count: formatInteger(preview.shares.length) })}
                  </th>
                  <td className="text-end fw-bold assign-preview-sum">{formatCents(sum)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className={sumMatches ? 'text-success fw-semibold' : 'text-danger fw-semibold'} role="status">
            {sumMatches
              ? t('funds.assign.sumMatches', { amount: formatCents(sum) })
              : t('funds.assign.sumDiffers', { sum: formatCents(sum), amount: formatCents(Number(previewAmount ?? 0n)) })}
          </p>
          <ActPicker id="assign-act" type="DD" label={t('funds.assign.act')} value={actId} onChange={setActId} error={errors.act} />
          <Actions busy={busy} submit={t('funds.assign.submit')} onCancel={onCancel} />
        </section>
      )}
      {!preview && (
        <div>
          <Button color="secondary" outline type="button" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      )}
    </Panel>
  );
}

export function DisburseForm({ detail, districts, names, onDone, onCancel }: FormProps) {
  const t = useT();
  const [district, setDistrict] = useState('');
  const [check, setCheck] = useState<DisbursementCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState(todayInRome());
  const [actId, setActId] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // The pre-check runs as soon as a district is chosen: the reason is known before submitting.
  useEffect(() => {
    setCheck(null);
    setCheckError(null);
    if (!district) return;
    const controller = new AbortController();
    setChecking(true);
    api
      .get<DisbursementCheck>(`${base(detail)}/disbursements/check`, { district }, controller.signal)
      .then((result) => {
        setCheck(result);
        setAmount(result.toDisburse > 0 ? centsToInput(result.toDisburse) : '');
        setChecking(false);
      })
      .catch((reason: unknown) => {
        if (controller.signal.aborted) return;
        setCheckError(reason);
        setChecking(false);
      });
    return () => controller.abort();
  }, [detail, district]);

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
    setFailure(null);
    if (focusFirstError({ district: 'disburse-district', amount: 'disburse-amount', paidOn: 'disburse-date', act: 'disburse-act' }, found)) return;
    setBusy(true);
    try {
      await api.post(`${base(detail)}/disbursements`, { district, amount: centsToJson(cents!), paidOn, actId: Number(actId) });
      onDone(t('funds.disburse.done', { amount: formatCents(cents!), district }));
    } catch (reason) {
      setFailure(reason);
    } finally {
      setBusy(false);
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

export function TransmissionForm({ detail, onDone, onCancel }: FormProps) {
  const t = useT();
  const [date, setDate] = useState(detail.transmission?.transmittedOn ?? todayInRome());
  const [protocol, setProtocol] = useState(detail.transmission?.protocol ?? '');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      date: isCalendarDate(date) ? undefined : t('funds.dateInvalid'),
      protocol: protocol.trim() ? undefined : t('funds.transmission.protocolRequired'),
    };
    setErrors(found);
    setFailure(null);
    if (focusFirstError({ date: 'transmission-date', protocol: 'transmission-protocol' }, found)) return;
    setBusy(true);
    try {
      await request('PUT', `${base(detail)}/transmission`, { json: { transmittedOn: date, protocol: protocol.trim() } });
      onDone(t('funds.transmission.done', { protocol: protocol.trim() }));
    } catch (reason) {
      setFailure(reason);
    } finally {
      setBusy(false);
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

/** The disbursement gating rule of the annuality (DOMAIN.md "Disbursement gating"), set by an act. */
export function GatingForm({ detail, onDone, onCancel }: FormProps) {
  const t = useT();
  const current = detail.gating;
  const [kind, setKind] = useState<GatingRuleJson['kind']>(current.kind);
  const [lag, setLag] = useState(current.kind === 'none' ? '2' : String(current.lag));
  const [threshold, setThreshold] = useState(current.kind === 'none' ? '75' : fractionToPercent(current.threshold));
  const [actId, setActId] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const gated = kind === 'recognised_share_of_earlier_annuality';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fraction = percentToFraction(threshold);
    const years = /^\d{1,2}$/.test(lag.trim()) ? Number(lag.trim()) : NaN;
    const found = {
      lag: !gated || (years >= 1 && years <= 10) ? undefined : t('funds.gating.lagInvalid'),
      threshold: !gated || fraction ? undefined : t('funds.gating.thresholdInvalid'),
      act: actId ? undefined : t('funds.act.required', { type: 'DGR' }),
    };
    setErrors(found);
    setFailure(null);
    if (focusFirstError({ lag: 'gating-lag', threshold: 'gating-threshold', act: 'gating-act' }, found)) return;
    setBusy(true);
    try {
      const rule = gated ? { kind, lag: years, threshold: fraction } : { kind };
      await request('PUT', `${base(detail)}/gating`, { json: { rule, actId: Number(actId) } });
      onDone(t('funds.gating.done', { annuality: detail.annuality }));
    } catch (reason) {
      setFailure(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel id="gating-form" title={t('funds.gating.title')} intro={t('funds.gating.intro')} onSubmit={submit}>
      <ErrorAlert error={failure} />
      <SelectField
        id="gating-kind"
        label={t('funds.gating.kind')}
        value={kind}
        onChange={(v) => setKind(v as GatingRuleJson['kind'])}
        required
        options={[
          { value: 'recognised_share_of_earlier_annuality', label: t('funds.gating.kindShare') },
          { value: 'none', label: t('funds.gating.kindNone') },
        ]}
      />
      {gated && (
        <div className="row">
          <div className="col-md-6">
            <TextField id="gating-lag" type="number" label={t('funds.gating.lag')} value={lag} onChange={setLag} required error={errors.lag} help={t('funds.gating.lagHelp', { annuality: detail.annuality })} />
          </div>
          <div className="col-md-6">
            <TextField id="gating-threshold" label={t('funds.gating.threshold')} value={threshold} onChange={setThreshold} required error={errors.threshold} help={t('funds.gating.thresholdHelp')} />
          </div>
        </div>
      )}
      <ActPicker id="gating-act" type="DGR" label={t('funds.gating.act')} value={actId} onChange={setActId} error={errors.act} />
      <Actions busy={busy} submit={t('funds.gating.submit')} onCancel={onCancel} />
    </Panel>
  );
}
