import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { useSend } from '../query.ts';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ActPicker } from './ActPicker.tsx';
import { setGatingRule, type GatingRule } from '../../../src/contract/fund-programming.ts';
import { focusFirstError, fractionToPercent, percentToFraction } from './util.ts';
import { type FormProps, keyOf, Panel, Actions } from './ManageFormParts.tsx';

/** The disbursement gating rule of the annuality (DOMAIN.md "Disbursement gating"), set by an act. */
export function GatingForm({ detail, onDone, onCancel }: FormProps) {
  const t = useT();
  const current = detail.gating;
  const [kind, setKind] = useState<GatingRule['kind']>(current.kind);
  const [lag, setLag] = useState(current.kind === 'none' ? '2' : String(current.lag));
  const [threshold, setThreshold] = useState(current.kind === 'none' ? '75' : fractionToPercent(current.threshold));
  const [actId, setActId] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const { send, busy, error: failure, reset } = useSend(setGatingRule);
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
    reset();
    if (focusFirstError({ lag: 'gating-lag', threshold: 'gating-threshold', act: 'gating-act' }, found)) return;
    try {
      const rule = gated && fraction ? { kind: 'recognised_share_of_earlier_annuality' as const, lag: years, threshold: fraction } : { kind: 'none' as const };
      await send({ params: keyOf(detail), body: { rule, actId: Number(actId) } });
      onDone(t('funds.gating.done', { annuality: detail.annuality }));
    } catch {
      // shown by the form's ErrorAlert: useSend keeps the failure
    }
  };

  return (
    <Panel id="gating-form" title={t('funds.gating.title')} intro={t('funds.gating.intro')} onSubmit={submit}>
      <ErrorAlert error={failure} />
      <SelectField
        id="gating-kind"
        label={t('funds.gating.kind')}
        value={kind}
        onChange={(v) => setKind(v === 'none' ? 'none' : 'recognised_share_of_earlier_annuality')}
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
