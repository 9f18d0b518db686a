/**
 * `/fondi/nuovo`: step 1 of the life cycle (DOMAIN.md "National funds"): the allocation decree
 * (DM) gives the Region an amount for a fund annuality. A fund not yet on the platform is
 * registered first, on the same page.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { useSend } from '../query.ts';
import { createFund, recordAllocation } from '../../../src/contract/fund-programming.ts';
import { navigate } from '../router.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ActPicker } from './ActPicker.tsx';
import { useFunds } from './hooks.ts';
import { centsToJson, parseEuroInput } from './util.ts';

function NewFundForm({ onCreated }: { onCreated: (code: string) => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [source, setSource] = useState('national');
  const [rule75, setRule75] = useState('yes');
  const [errors, setErrors] = useState<{ code?: string; name?: string }>({});
  const { send, busy, error: failure, reset } = useSend(createFund);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!/^[A-Za-z0-9._-]{1,40}$/.test(code.trim())) found.code = t('funds.newFund.codeInvalid');
    if (!name.trim()) found.name = t('funds.newFund.nameRequired');
    setErrors(found);
    reset();
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`fund-${first}`)?.focus();
      return;
    }
    try {
      const created = await send({ body: { code: code.trim().toUpperCase(), name: name.trim(), source: source === 'regional' ? 'regional' : 'national', rule75: rule75 === 'yes' } });
      onCreated(created.code);
      setCode('');
      setName('');
    } catch {
      // shown by the form's ErrorAlert: useSend keeps the failure
    }
  };

  return (
    <form onSubmit={submit} noValidate className="card card-bg shadow-sm mb-4" aria-labelledby="new-fund-title">
      <div className="card-body">
        <h2 id="new-fund-title" className="h4">
          {t('funds.newFund.title')}
        </h2>
        <p className="small">{t('funds.newFund.intro')}</p>
        <ErrorAlert error={failure} />
        <div className="row">
          <div className="col-md-3">
            <TextField id="fund-code" label={t('funds.newFund.code')} value={code} onChange={setCode} required error={errors.code} help={t('funds.newFund.codeHelp')} maxLength={40} />
          </div>
          <div className="col-md-9">
            <TextField id="fund-name" label={t('funds.newFund.name')} value={name} onChange={setName} required error={errors.name} />
          </div>
          <div className="col-md-6">
            <SelectField
              id="fund-source"
              label={t('funds.newFund.source')}
              value={source}
              onChange={setSource}
              options={[
                { value: 'national', label: t('funds.source.national') },
                { value: 'regional', label: t('funds.source.regional') },
              ]}
            />
          </div>
          <div className="col-md-6">
            <SelectField
              id="fund-rule75"
              label={t('funds.newFund.rule75')}
              value={rule75}
              onChange={setRule75}
              help={t('funds.newFund.rule75Help')}
              options={[
                { value: 'yes', label: t('common.yes') },
                { value: 'no', label: t('common.no') },
              ]}
            />
          </div>
        </div>
        <Button color="primary" type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('funds.newFund.submit')}
        </Button>
      </div>
    </form>
  );
}

export function NewAnnualityPage() {
  const t = useT();
  const funds = useFunds();
  const [fund, setFund] = useState('');
  const [annuality, setAnnuality] = useState('');
  const [amount, setAmount] = useState('');
  const [actId, setActId] = useState('');
  const [errors, setErrors] = useState<{ fund?: string; annuality?: string; amount?: string; act?: string }>({});
  const { send, busy, error: failure, reset } = useSend(recordAllocation);
  const [fundCreated, setFundCreated] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!fund) found.fund = t('funds.newAnnuality.fundRequired');
    if (!/^\d{4}$/.test(annuality.trim())) found.annuality = t('funds.newAnnuality.annualityInvalid');
    const cents = parseEuroInput(amount);
    if (cents === null || cents <= 0n) found.amount = t('funds.amountInvalid');
    if (!actId) found.act = t('funds.act.required', { type: 'DM' });
    setErrors(found);
    reset();
    const ids: Record<string, string> = { fund: 'annuality-fund', annuality: 'annuality-year', amount: 'annuality-amount', act: 'annuality-act' };
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(ids[first] ?? '')?.focus();
      return;
    }
    try {
      await send({ params: { fund }, body: { annuality: Number(annuality), allocated: centsToJson(cents!), actId: Number(actId) } });
      navigate(`/fondi/${encodeURIComponent(fund)}/${Number(annuality)}`);
    } catch {
      // shown by the form's ErrorAlert: useSend keeps the failure
    }
  };

  return (
    <>
      <PageHeading title={t('funds.newAnnuality.title')} />
      <p className="lead">{t('funds.newAnnuality.intro')}</p>
      {fundCreated && (
        <Alert fade={false} color="success" role="status">
          {t('funds.newFund.created', { fund: fundCreated })}
        </Alert>
      )}
      <form onSubmit={submit} noValidate className="card card-bg shadow-sm mb-4" aria-labelledby="new-annuality-title">
        <div className="card-body">
          <h2 id="new-annuality-title" className="h4">
            {t('funds.newAnnuality.formTitle')}
          </h2>
          <p className="small text-muted">{t('common.requiredNote')}</p>
          <ErrorAlert error={failure} />
          <ErrorAlert error={funds.error} />
          <div className="row">
            <div className="col-md-6">
              <SelectField
                id="annuality-fund"
                label={t('funds.newAnnuality.fund')}
                value={fund}
                onChange={setFund}
                required
                error={errors.fund}
                options={[{ value: '', label: t('funds.newAnnuality.fundChoose') }, ...(funds.data ?? []).map((f) => ({ value: f.code, label: `${f.code} — ${f.name}` }))]}
              />
            </div>
            <div className="col-md-3">
              <TextField id="annuality-year" label={t('funds.newAnnuality.annuality')} value={annuality} onChange={setAnnuality} required error={errors.annuality} inputMode="numeric" maxLength={4} />
            </div>
            <div className="col-md-3">
              <TextField id="annuality-amount" label={t('funds.newAnnuality.amount')} value={amount} onChange={setAmount} required error={errors.amount} help={t('funds.amountHelp')} inputMode="text" />
            </div>
          </div>
          <ActPicker id="annuality-act" type="DM" label={t('funds.newAnnuality.act')} value={actId} onChange={setActId} error={errors.act} />
          <Button color="primary" type="submit" disabled={busy}>
            {busy ? t('common.saving') : t('funds.newAnnuality.submit')}
          </Button>
        </div>
      </form>
      <NewFundForm
        onCreated={(code) => {
          setFundCreated(code);
          setFund(code);
          window.setTimeout(() => document.getElementById('annuality-fund')?.focus(), 0);
        }}
      />
    </>
  );
}
