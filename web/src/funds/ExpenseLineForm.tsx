/**
 * One expense line of a district's report, typed and saved at once (a new one, or a draft line
 * edited): nothing typed is lost. Fund, annuality, area and date stay for the next line.
 */
import { useState, type FormEvent } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { useSend } from '../query.ts';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { addExpenseLine, updateExpenseLine, type ExpenseLine } from '../../../src/contract/fund-reporting.ts';
import type { FundWithAnnualities } from '../../../src/contract/fund-programming.ts';
import { parseCalendarDate } from '../../../src/domain/dates.ts';
import { centsToInput, centsToJson, parseEuroInput } from './util.ts';

interface LineDraft {
  document: string;
  fund: string;
  annuality: string;
  area: string;
  description: string;
  amount: string;
  paidOn: string;
}

const draftOf = (l: ExpenseLine): LineDraft => ({
  document: l.document,
  fund: l.fund,
  annuality: String(l.annuality),
  area: l.area,
  description: l.description,
  amount: centsToInput(l.amount),
  paidOn: l.paidOn,
});

export function ExpenseLineForm({ code, year, funds, line, onSaved, onCancel }: { code: string; year: number; funds: FundWithAnnualities[]; line?: ExpenseLine; onSaved: (line: ExpenseLine) => void; onCancel?: () => void }) {
  const t = useT();
  const prefix = line ? `edit-${line.id}` : 'expense';
  const [draft, setDraft] = useState<LineDraft>(line ? draftOf(line) : { document: '', fund: '', annuality: '', area: '', description: '', amount: '', paidOn: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof LineDraft, string>>>({});
  const adding = useSend(addExpenseLine);
  const updating = useSend(updateExpenseLine);
  const busy = adding.busy || updating.busy;
  const failure = adding.error ?? updating.error;
  const set = (field: keyof LineDraft) => (value: string) => setDraft((d) => ({ ...d, [field]: value, ...(field === 'fund' ? { annuality: '' } : {}) }));
  const annualities = funds.find((f) => f.code === draft.fund)?.annualities ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = parseEuroInput(draft.amount);
    const found: typeof errors = {};
    if (!draft.document.trim()) found.document = t('funds.report.documentRequired');
    if (!draft.fund) found.fund = t('funds.report.fundRequired');
    if (!draft.annuality) found.annuality = t('funds.report.annualityRequired');
    if (!draft.area.trim()) found.area = t('funds.report.areaRequired');
    if (cents === null || cents <= 0n) found.amount = t('funds.amountInvalid');
    if (parseCalendarDate(draft.paidOn) === null) found.paidOn = t('funds.dateInvalid');
    else if (!draft.paidOn.startsWith(`${year}-`)) found.paidOn = t('funds.report.paidOnYear', { year });
    setErrors(found);
    adding.reset();
    updating.reset();
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`${prefix}-${first}`)?.focus();
      return;
    }
    try {
      const body = {
        document: draft.document.trim(),
        fund: draft.fund,
        annuality: Number(draft.annuality),
        area: draft.area.trim(),
        description: draft.description.trim(),
        amount: centsToJson(cents!),
        paidOn: draft.paidOn,
      };
      const saved = line ? await updating.send({ params: { code, year, id: line.id }, body }) : await adding.send({ params: { code, year }, body });
      // A new line empties what differs from line to line; fund, annuality, area and date stay for the next one.
      if (!line) setDraft((d) => ({ ...d, document: '', description: '', amount: '' }));
      onSaved(saved);
      if (!line) window.setTimeout(() => document.getElementById(`${prefix}-document`)?.focus(), 0);
    } catch {
      // shown by the form's ErrorAlert: useSend keeps the failure
    }
  };

  return (
    <form onSubmit={submit} noValidate className={line ? 'p-3 funds-panel border rounded' : 'card card-bg shadow-sm mb-4'} aria-labelledby={`${prefix}-title`}>
      <div className={line ? '' : 'card-body'}>
        <h3 id={`${prefix}-title`} className="h5">
          {line ? t('funds.report.editTitle', { document: line.document }) : t('funds.report.addTitle')}
        </h3>
        {!line && <p className="small">{t('funds.report.addIntro', { year })}</p>}
        <ErrorAlert error={failure} />
        <div className="row">
          <div className="col-md-4">
            <TextField id={`${prefix}-document`} label={t('funds.report.document')} value={draft.document} onChange={set('document')} required error={errors.document} help={t('funds.report.documentHelp')} />
          </div>
          <div className="col-md-4">
            <SelectField
              id={`${prefix}-fund`}
              label={t('funds.col.fund')}
              value={draft.fund}
              onChange={set('fund')}
              required
              error={errors.fund}
              options={[{ value: '', label: t('funds.report.fundChoose') }, ...funds.map((f) => ({ value: f.code, label: `${f.code} — ${f.name}` }))]}
            />
          </div>
          <div className="col-md-4">
            <SelectField
              id={`${prefix}-annuality`}
              label={t('funds.col.annuality')}
              value={draft.annuality}
              onChange={set('annuality')}
              required
              error={errors.annuality}
              help={t('funds.report.annualityHelp')}
              options={[{ value: '', label: draft.fund ? t('funds.report.annualityChoose') : t('funds.report.annualityFirst') }, ...annualities.map((a) => ({ value: String(a.annuality), label: String(a.annuality) }))]}
            />
          </div>
          <div className="col-md-4">
            <TextField id={`${prefix}-area`} label={t('funds.report.area')} value={draft.area} onChange={set('area')} required error={errors.area} help={t('funds.report.areaHelp')} maxLength={40} />
          </div>
          <div className="col-md-4">
            <TextField id={`${prefix}-amount`} label={t('funds.report.amount')} value={draft.amount} onChange={set('amount')} required error={errors.amount} help={t('funds.amountHelp')} />
          </div>
          <div className="col-md-4">
            <TextField id={`${prefix}-paidOn`} type="date" label={t('funds.report.paidOn')} value={draft.paidOn} onChange={set('paidOn')} required error={errors.paidOn} help={t('funds.report.paidOnHelp', { year })} />
          </div>
          <div className="col-12">
            <TextField id={`${prefix}-description`} label={t('funds.report.description')} value={draft.description} onChange={set('description')} />
          </div>
        </div>
        <div className="d-flex gap-2">
          <Button color="primary" type="submit" disabled={busy}>
            {busy ? t('common.saving') : line ? t('funds.report.saveEdit') : t('funds.report.add')}
          </Button>
          {onCancel && (
            <Button color="secondary" outline type="button" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </div>
      </div>
    </form>
  );
}
