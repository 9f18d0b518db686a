/**
 * `/fondi-regionali`: the chapters of the regional budget law, with what each year holds
 * (budget → reserved by DGR → assigned by DD → available), and the form to register a chapter.
 */
import { useState, type FormEvent } from 'react';
import { Alert } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { actRefLabel } from '../i18n/labels.ts';
import { formatCents } from '../format.ts';
import { Link, navigate } from '../router.tsx';
import { useEndpoint, useSend } from '../query.ts';
import { createChapter, listChapters, type Chapter } from '../../../src/contract/regional-funds.ts';
import { romeDate, yearOf } from '../../../src/domain/dates.ts';
import { useSession } from '../session.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { ActPicker } from './ActPicker.tsx';
import { useFunds } from './hooks.ts';
import { canManageFunds, centsToJson, focusFirstError, parseEuroInput } from './util.ts';
import { chapterPath, RegionalPanel, SubmitButton } from './RegionalShared.tsx';

function ChaptersTable({ chapters }: { chapters: Chapter[] }) {
  const t = useT();
  return (
    <div className="table-responsive">
      <table className="table caption-top table-sm table-hover regional-chapters">
        <caption>{t('funds.regional.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('funds.regional.col.chapter')}</th>
            <th scope="col">{t('funds.regional.col.description')}</th>
            <th scope="col">{t('funds.col.fund')}</th>
            <th scope="col">{t('funds.regional.col.year')}</th>
            <th scope="col" className="text-end">{t('funds.regional.col.budget')}</th>
            <th scope="col" className="text-end">{t('funds.regional.col.reserved')}</th>
            <th scope="col" className="text-end">{t('funds.regional.col.assigned')}</th>
            <th scope="col" className="text-end">{t('funds.regional.col.available')}</th>
            <th scope="col">{t('funds.regional.col.budgetAct')}</th>
          </tr>
        </thead>
        <tbody>
          {chapters.flatMap((c) => {
            const head = (
              <th scope="row">
                <Link to={chapterPath(c.id)}>
                  <span className="visually-hidden">{t('funds.regional.col.chapter')} </span>
                  {c.code}
                </Link>
              </th>
            );
            if (c.years.length === 0) {
              return [
                <tr key={`${c.id}`}>
                  {head}
                  <td>{c.description}</td>
                  <td>{c.fund}</td>
                  <td colSpan={6}>{t('funds.regional.list.noYears')}</td>
                </tr>,
              ];
            }
            return [...c.years]
              .sort((a, b) => a.year - b.year)
              .map((y) => (
                <tr key={`${c.id}/${y.year}`}>
                  {head}
                  <td>{c.description}</td>
                  <td>{c.fund}</td>
                  <td>{y.year}</td>
                  <td className="text-end">{formatCents(y.budget)}</td>
                  <td className="text-end">{formatCents(y.reserved)}</td>
                  <td className="text-end">{formatCents(y.assigned)}</td>
                  <td className="text-end">{formatCents(y.available)}</td>
                  <td>{actRefLabel(t, y.act)}</td>
                </tr>
              ));
          })}
        </tbody>
      </table>
    </div>
  );
}

function NewChapterForm() {
  const t = useT();
  const funds = useFunds();
  const regional = (funds.data ?? []).filter((f) => f.source === 'regional');
  const [code, setCode] = useState('');
  const [description, setDescription] = useState('');
  const [fund, setFund] = useState('');
  const [year, setYear] = useState(String(yearOf(romeDate(new Date()))));
  const [amount, setAmount] = useState('');
  const [actType, setActType] = useState<'LEGGE' | 'DGR'>('LEGGE');
  const [actId, setActId] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const { send, busy, error: failure, reset } = useSend(createChapter);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = parseEuroInput(amount);
    const found = {
      code: code.trim() ? undefined : t('funds.regional.chapter.codeRequired'),
      description: description.trim() ? undefined : t('funds.regional.chapter.descriptionRequired'),
      fund: fund ? undefined : t('funds.regional.chapter.fundRequired'),
      year: /^\d{4}$/.test(year.trim()) ? undefined : t('funds.regional.yearInvalid'),
      amount: cents === null || cents <= 0n ? t('funds.amountInvalid') : undefined,
      act: actId ? undefined : t('funds.act.required', { type: actType }),
    };
    setErrors(found);
    reset();
    if (focusFirstError({ code: 'chapter-code', description: 'chapter-description', fund: 'chapter-fund', year: 'chapter-year', amount: 'chapter-amount', act: 'chapter-act' }, found)) return;
    try {
      const created = await send({
        body: { code: code.trim(), description: description.trim(), fund, amounts: [{ year: Number(year.trim()), amount: centsToJson(cents!), actId: Number(actId) }] },
      });
      navigate(chapterPath(created.id));
    } catch {
      // shown by the form's ErrorAlert: useSend keeps the failure
    }
  };

  return (
    <RegionalPanel id="chapter-form" title={t('funds.regional.chapter.title')} intro={t('funds.regional.chapter.intro')} onSubmit={submit}>
      <ErrorAlert error={failure ?? funds.error} />
      {funds.data && regional.length === 0 && (
        <Alert fade={false} color="warning">
          {t('funds.regional.chapter.noFunds')} <Link to="/fondi/nuovo">{t('funds.regional.chapter.newFund')}</Link>
        </Alert>
      )}
      <div className="row">
        <div className="col-md-3">
          <TextField id="chapter-code" label={t('funds.regional.chapter.code')} value={code} onChange={setCode} required error={errors.code} maxLength={40} help={t('funds.regional.chapter.codeHelp')} />
        </div>
        <div className="col-md-9">
          <TextField id="chapter-description" label={t('funds.regional.chapter.description')} value={description} onChange={setDescription} required error={errors.description} maxLength={500} />
        </div>
        <div className="col-md-6">
          <SelectField
            id="chapter-fund"
            label={t('funds.regional.chapter.fund')}
            value={fund}
            onChange={setFund}
            required
            error={errors.fund}
            options={[{ value: '', label: t('funds.regional.chapter.fundChoose') }, ...regional.map((f) => ({ value: f.code, label: `${f.code} — ${f.name}` }))]}
          />
        </div>
        <div className="col-md-2">
          <TextField id="chapter-year" label={t('funds.regional.col.year')} value={year} onChange={setYear} required error={errors.year} inputMode="numeric" maxLength={4} />
        </div>
        <div className="col-md-4">
          <TextField id="chapter-amount" label={t('funds.regional.chapter.amount')} value={amount} onChange={setAmount} required error={errors.amount} help={t('funds.amountHelp')} />
        </div>
        <div className="col-md-6">
          <SelectField
            id="chapter-act-type"
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
      <ActPicker key={actType} id="chapter-act" type={actType} label={t('funds.regional.chapter.act')} value={actId} onChange={setActId} error={errors.act} />
      <SubmitButton busy={busy} label={t('funds.regional.chapter.submit')} />
    </RegionalPanel>
  );
}

export function RegionalChaptersPage() {
  const t = useT();
  const { user } = useSession();
  const manager = canManageFunds(user);
  const { data, error, loading } = useEndpoint(listChapters, {});
  return (
    <>
      <PageHeading title={t('funds.regional.title')} />
      <p className="lead">{t('funds.regional.list.intro')}</p>
      <section aria-labelledby="chapters-title" className="mb-4">
        <h2 id="chapters-title" className="h3">
          {t('funds.regional.list.chapters')}
        </h2>
        <ErrorAlert error={error} />
        {loading && <Loading />}
        {!loading && data && data.length === 0 && <EmptyState text={t('funds.regional.list.empty')} />}
        {data && data.length > 0 && <ChaptersTable chapters={data} />}
      </section>
      {manager && (
        <section aria-labelledby="chapter-new-title" className="mb-4">
          <h2 id="chapter-new-title" className="h3">
            {t('funds.regional.list.newTitle')}
          </h2>
          <NewChapterForm />
        </section>
      )}
    </>
  );
}
