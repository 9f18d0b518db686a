/**
 * The split of an amount among the districts, as both assignment forms ask it (a national line's
 * DD, a regional reservation's implementing act): criterion, amount, fixed share, per-district
 * figures; the request it makes is split-request.ts's, checked there.
 */
import { useState } from 'react';
import { SelectField, TextField } from '../components/Fields.tsx';
import { useT } from '../i18n/i18n.tsx';
import { DistrictSplitInputs } from './DistrictSplitInputs.tsx';
import { centsToInput } from './util.ts';
import { CRITERIA, criterionKey, splitRequest, type Criterion } from './split-request.ts';

export function useSplitDraft(available: number) {
  const [criterion, setCriterion] = useState<Criterion>('population');
  const [amount, setAmount] = useState(available > 0 ? centsToInput(available) : '');
  const [fixedPercent, setFixedPercent] = useState('20');
  const [perDistrict, setPerDistrict] = useState<Record<string, string>>({});
  const t = useT();
  return {
    criterion,
    setCriterion,
    amount,
    setAmount,
    fixedPercent,
    setFixedPercent,
    perDistrict,
    setPerDistrict,
    /** what a preview depends on: any change makes it stale */
    deps: [criterion, amount, fixedPercent, perDistrict] as const,
    request: (districts: readonly string[]) => splitRequest(t, { criterion, amount, fixedPercent, perDistrict, districts }),
  };
}

export type SplitDraft = ReturnType<typeof useSplitDraft>;

export function SplitEntry({ idPrefix, draft, districts, names, errors, amountHelp }: { idPrefix: string; draft: SplitDraft; districts: string[]; names: Map<string, string>; errors: Record<string, string | undefined>; amountHelp: string }) {
  const t = useT();
  const { criterion } = draft;
  return (
    <>
      <div className="row">
        <div className="col-md-6">
          <SelectField
            id={`${idPrefix}-criterion`}
            label={t('funds.assign.criterion')}
            value={criterion}
            onChange={(v) => draft.setCriterion(v as Criterion)}
            required
            error={errors.split}
            options={CRITERIA.map((c) => ({ value: c, label: t(criterionKey[c]) }))}
          />
        </div>
        {criterion !== 'amounts' && (
          <div className="col-md-6">
            <TextField id={`${idPrefix}-amount`} label={t('funds.assign.amount')} value={draft.amount} onChange={draft.setAmount} required error={errors.amount} help={amountHelp} />
          </div>
        )}
        {criterion === 'fixed_plus_population' && (
          <div className="col-md-6">
            <TextField id={`${idPrefix}-fixed`} label={t('funds.assign.fixedPercent')} value={draft.fixedPercent} onChange={draft.setFixedPercent} required error={errors.fixedPercent} help={t('funds.assign.fixedPercentHelp')} />
          </div>
        )}
      </div>
      {(criterion === 'manual_percent' || criterion === 'amounts') && (
        <DistrictSplitInputs
          idPrefix={idPrefix}
          criterion={criterion === 'amounts' ? 'amounts' : 'manual_percent'}
          districts={districts}
          names={names}
          values={draft.perDistrict}
          onChange={draft.setPerDistrict}
          errors={errors}
        />
      )}
    </>
  );
}
