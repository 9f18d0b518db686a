/**
 * `/fondi/:fund/:annuality/verifica`: the Region verifies each submitted expense line
 * (DOMAIN.md "District reporting"): recognise all, part (with the amount), or reject with a reason.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { formatCents, formatDate } from '../format.ts';
import { Link } from '../router.tsx';
import { useEndpoint, useSend } from '../query.ts';
import { listLinesToVerify, verifyExpenseLine, type VerifiedLine } from '../../../src/contract/fund-review.ts';
import { verificationFilters, type VerificationFilter } from '../../../src/domain/funds/workflow-statuses.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { Paging, ResultCount } from '../components/Paging.tsx';
import { useDistrictNames } from './hooks.ts';
import { centsToInput, centsToJson, parseEuroInput } from './util.ts';
import { exportExpenseLines } from '../../../src/contract/exports.ts';
import { ExportLink } from '../components/ExportLink.tsx';

const PAGE_SIZE = 20;

type Mode = { id: number; kind: 'part' | 'reject' } | null;

function DecisionForm({ line, kind, onDone, onCancel }: { line: VerifiedLine; kind: 'part' | 'reject'; onDone: (message: string) => void; onCancel: () => void }) {
  const t = useT();
  const [amount, setAmount] = useState(kind === 'part' ? centsToInput(line.amount) : '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; reason?: string }>({});
  const { send, busy, error: failure, reset } = useSend(verifyExpenseLine);
  const prefix = `verify-${line.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = parseEuroInput(amount);
    const found: typeof errors = {};
    if (kind === 'part' && (cents === null || cents > BigInt(line.amount))) found.amount = t('funds.verify.partInvalid', { amount: formatCents(line.amount) });
    if (kind === 'reject' && !reason.trim()) found.reason = t('funds.verify.reasonRequired');
    setErrors(found);
    reset();
    if (found.amount) return document.getElementById(`${prefix}-amount`)?.focus();
    if (found.reason) return document.getElementById(`${prefix}-reason`)?.focus();
    try {
      const body =
        kind === 'part'
          ? { action: 'recognise_part' as const, recognised: centsToJson(cents!), ...(reason.trim() ? { reason: reason.trim() } : {}) }
          : { action: 'reject' as const, reason: reason.trim() };
      await send({ params: { id: line.id }, body });
      onDone(kind === 'part' ? t('funds.verify.donePart', { document: line.document, amount: formatCents(centsToJson(cents!)) }) : t('funds.verify.doneReject', { document: line.document }));
    } catch {
      // shown by the form's ErrorAlert: useSend keeps the failure
    }
  };

  return (
    <form onSubmit={submit} noValidate className="p-3 funds-panel border rounded" aria-label={t(kind === 'part' ? 'funds.verify.partTitle' : 'funds.verify.rejectTitle', { document: line.document })}>
      <ErrorAlert error={failure} />
      {kind === 'part' && <TextField id={`${prefix}-amount`} label={t('funds.verify.recognisedAmount')} value={amount} onChange={setAmount} required error={errors.amount} help={t('funds.amountHelp')} />}
      <TextField id={`${prefix}-reason`} label={t('funds.verify.reason')} value={reason} onChange={setReason} required={kind === 'reject'} error={errors.reason} />
      <div className="d-flex gap-2">
        <Button color={kind === 'reject' ? 'danger' : 'primary'} size="sm" type="submit" disabled={busy}>
          {t(kind === 'part' ? 'funds.verify.confirmPart' : 'funds.verify.confirmReject')}
        </Button>
        <Button color="secondary" outline size="sm" type="button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

export function VerifyPage({ fund, annuality }: { fund: string; annuality: number }) {
  const t = useT();
  const names = useDistrictNames();
  const [draft, setDraft] = useState<{ district: string; status: VerificationFilter }>({ district: '', status: 'pending' });
  const [filters, setFilters] = useState<{ district: string; status: VerificationFilter }>({ district: '', status: 'pending' });
  const [page, setPage] = useState(1);
  const [mode, setMode] = useState<Mode>(null);
  const [done, setDone] = useState<string | null>(null);
  const verifying = useSend(verifyExpenseLine);
  const failure = verifying.error;
  const { data, error, loading } = useEndpoint(listLinesToVerify, { params: { fund, annuality }, query: { district: filters.district || undefined, status: filters.status, page, pageSize: PAGE_SIZE } });

  const act = async (line: VerifiedLine, action: 'recognise_all' | 'reopen') => {
    verifying.reset();
    setDone(null);
    try {
      await verifying.send({ params: { id: line.id }, body: { action } });
      setDone(action === 'recognise_all' ? t('funds.verify.doneAll', { document: line.document, amount: formatCents(line.amount) }) : t('funds.verify.doneReopen', { document: line.document }));
    } catch {
      // shown by the page's ErrorAlert: useSend keeps the failure
    }
  };

  const statusText = (l: VerifiedLine): string => {
    if (l.status === 'pending') return t('funds.verify.status.pending');
    if (l.status === 'rejected') return t('funds.verify.status.rejected', { reason: l.reason ?? '' });
    if (l.status === 'partially_recognised') return t('funds.verify.status.part', { amount: formatCents(l.recognised ?? 0), reason: l.reason ?? '' });
    return t('funds.verify.status.recognised');
  };

  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/fondi">{t('funds.list.title')}</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item">
            <Link to={`/fondi/${encodeURIComponent(fund)}/${annuality}`}>
              {fund} {annuality}
            </Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {t('funds.verify.crumb')}
          </li>
        </ol>
      </nav>
      <PageHeading title={t('funds.verify.title', { fund, annuality })} />
      <div className="mb-3">
        <ExportLink endpoint={exportExpenseLines} input={{ params: { fund, annuality }, query: { district: filters.district || undefined, status: filters.status } }} what={t('funds.verify.title', { fund, annuality })} />
      </div>
      <p className="lead">{t('funds.verify.intro')}</p>
      <FilterBar
        label={t('funds.verify.filters')}
        onSubmit={() => {
          setFilters(draft);
          setPage(1);
        }}
        onReset={() => {
          const reset = { district: '', status: 'pending' as const };
          setDraft(reset);
          setFilters(reset);
          setPage(1);
        }}
      >
        <div className="col-md-6">
          <SelectField
            id="verify-district"
            label={t('funds.col.district')}
            value={draft.district}
            onChange={(district) => setDraft({ ...draft, district })}
            options={[{ value: '', label: t('common.all') }, ...[...names.entries()].map(([code, name]) => ({ value: code, label: `${code} — ${name}` }))]}
          />
        </div>
        <div className="col-md-6">
          <SelectField
            id="verify-status"
            label={t('funds.verify.statusFilter')}
            value={draft.status}
            onChange={(status) => setDraft({ ...draft, status: verificationFilters.find((f) => f === status) ?? 'pending' })}
            options={[
              { value: 'pending', label: t('funds.verify.filterPending') },
              { value: 'verified', label: t('funds.verify.filterVerified') },
            ]}
          />
        </div>
      </FilterBar>
      {done && (
        <Alert fade={false} color="success" role="status">
          {done}
        </Alert>
      )}
      <ErrorAlert error={failure} />
      <ErrorAlert error={error} />
      {loading && <Loading />}
      {!loading && data && data.items.length === 0 && <EmptyState text={t(filters.status === 'pending' ? 'funds.verify.emptyPending' : 'funds.verify.emptyVerified')} />}
      {!loading && data && data.items.length > 0 && (
        <>
          <ResultCount page={data.page} pageSize={data.pageSize} total={data.total} />
          <div className="table-responsive">
            <table className="table caption-top table-sm verify-table">
              <caption>{t(filters.status === 'pending' ? 'funds.verify.captionPending' : 'funds.verify.captionVerified', { fund, annuality })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('funds.col.district')}</th>
                  <th scope="col">{t('funds.report.document')}</th>
                  <th scope="col">{t('funds.report.area')}</th>
                  <th scope="col">{t('funds.report.description')}</th>
                  <th scope="col">{t('funds.report.paidOn')}</th>
                  <th scope="col" className="text-end">{t('funds.report.amount')}</th>
                  <th scope="col">{t('funds.verify.outcome')}</th>
                  <th scope="col">{t('funds.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((l) => (
                  <tr key={l.id}>
                    <td>{l.district}</td>
                    <th scope="row">{l.document}</th>
                    <td>{l.area}</td>
                    <td>{l.description}</td>
                    <td>{formatDate(l.paidOn)}</td>
                    <td className="text-end">{formatCents(l.amount)}</td>
                    <td>{statusText(l)}</td>
                    <td>
                      {mode?.id === l.id ? (
                        <DecisionForm
                          line={l}
                          kind={mode.kind}
                          onCancel={() => setMode(null)}
                          onDone={(message) => {
                            setMode(null);
                            setDone(message);
                          }}
                        />
                      ) : l.status === 'pending' ? (
                        <div className="d-flex flex-wrap gap-1">
                          <Button color="success" size="xs" onClick={() => void act(l, 'recognise_all')}>
                            {t('funds.verify.all')}
                            <span className="visually-hidden"> — {l.document}</span>
                          </Button>
                          <Button color="primary" outline size="xs" onClick={() => { setDone(null); setMode({ id: l.id, kind: 'part' }); }}>
                            {t('funds.verify.part')}
                            <span className="visually-hidden"> — {l.document}</span>
                          </Button>
                          <Button color="danger" outline size="xs" onClick={() => { setDone(null); setMode({ id: l.id, kind: 'reject' }); }}>
                            {t('funds.verify.reject')}
                            <span className="visually-hidden"> — {l.document}</span>
                          </Button>
                        </div>
                      ) : (
                        <Button color="secondary" outline size="xs" onClick={() => void act(l, 'reopen')}>
                          {t('funds.verify.reopen')}
                          <span className="visually-hidden"> — {l.document}</span>
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Paging page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} what={t('funds.verify.crumb')} />
        </>
      )}
    </>
  );
}
