/** Assignment (DD) of a line to the districts with a split criterion: preview first, then confirm. */
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { useSend } from '../query.ts';
import { formatCents } from '../format.ts';
import { SelectField } from '../components/Fields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { ActPicker } from './ActPicker.tsx';
import { SplitEntry, useSplitDraft } from './SplitEntry.tsx';
import { assignLine, previewLineAssignment } from '../../../src/contract/fund-programming.ts';
import type { ReplyOf } from '../../../src/contract/endpoint.ts';
import { SplitPreview } from './SplitPreview.tsx';
import { centsToInput, focusFirstError } from './util.ts';
import { splitFieldIds, type SplitRequest } from './split-request.ts';
import { type FormProps, keyOf, Panel, Actions } from './ManageFormParts.tsx';

export function AssignForm({ detail, districts, names, onDone, onCancel, initialLine }: FormProps & { initialLine?: string }) {
  const t = useT();
  const open = detail.lines.filter((l) => l.amount > l.assigned);
  const [line, setLine] = useState(initialLine ?? open[0]?.code ?? '');
  const current = detail.lines.find((l) => l.code === line);
  const available = current ? current.amount - current.assigned : 0;
  const split = useSplitDraft(available);
  const [preview, setPreview] = useState<ReplyOf<typeof previewLineAssignment> | null>(null);
  const [previewAmount, setPreviewAmount] = useState<bigint | null>(null);
  const [actId, setActId] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const previewing = useSend(previewLineAssignment);
  const assigning = useSend(assignLine);
  const busy = previewing.busy || assigning.busy;
  const failure = previewing.error ?? assigning.error;
  const reset = () => {
    previewing.reset();
    assigning.reset();
  };

  // A change of line or criterion invalidates the preview: what is confirmed is what was seen.
  useEffect(() => {
    setPreview(null);
  }, [line, ...split.deps]);

  const changeLine = (code: string) => {
    setLine(code);
    const l = detail.lines.find((x) => x.code === code);
    if (l && l.amount > l.assigned) split.setAmount(centsToInput(l.amount - l.assigned));
  };

  /** The body of the split request, or null with the errors shown. */
  const body = (): SplitRequest | null => {
    const request = split.request(districts);
    const found: Record<string, string> = line ? request.errors : { line: t('funds.assign.lineRequired'), ...request.errors };
    setErrors(found);
    return focusFirstError({ line: 'assign-line', ...splitFieldIds('assign', districts) }, found) ? null : request;
  };

  const computePreview = async () => {
    reset();
    const b = body();
    if (!b) return;
    try {
      const result = await previewing.send({ params: { ...keyOf(detail), line }, body: b.json });
      setPreview(result);
      setPreviewAmount(b.total);
      window.setTimeout(() => document.getElementById('assign-preview-title')?.focus(), 0);
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
      document.getElementById('assign-act')?.focus();
      return;
    }
    reset();
    try {
      await assigning.send({ params: { ...keyOf(detail), line }, body: { ...b.json, actId: Number(actId) } });
      onDone(t('funds.assign.done', { line, amount: formatCents(preview.total), count: preview.shares.filter((s) => s.amount > 0).length }));
    } catch {
      // shown by the form's ErrorAlert: useSend keeps the failure
    }
  };


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
      </div>
      <SplitEntry idPrefix="assign" draft={split} districts={districts} names={names} errors={errors} amountHelp={t('funds.assign.amountHelp', { available: formatCents(available) })} />
      <Button color="primary" outline type="button" className="mb-3" onClick={() => void computePreview()} disabled={busy}>
        {t('funds.assign.preview')}
      </Button>
      {busy && !preview && <Loading />}
      {preview && previewAmount !== null && (
        <SplitPreview idPrefix="assign" title={t('funds.assign.previewTitle', { line })} criterion={split.criterion} shares={preview.shares} names={names} expected={previewAmount}>
          <ActPicker id="assign-act" type="DD" label={t('funds.assign.act')} value={actId} onChange={setActId} error={errors.act} />
          <Actions busy={assigning.busy} submit={t('funds.assign.submit')} onCancel={onCancel} />
        </SplitPreview>
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
