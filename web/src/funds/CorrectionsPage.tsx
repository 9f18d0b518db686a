/**
 * `/rettifiche`: requests to correct submitted expense lines. The Region accepts or refuses
 * (a refusal says why); a district officer follows its own requests.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { formatCents, formatDateTime } from '../format.ts';
import { useEndpoint, useSend } from '../query.ts';
import { useSession } from '../session.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { SelectField, TextField } from '../components/Fields.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { Paging, ResultCount } from '../components/Paging.tsx';
import { decideCorrection, listCorrections, type Correction } from '../../../src/contract/fund-review.ts';
import { correctionStatuses, type CorrectionStatus } from '../../../src/domain/funds/workflow-statuses.ts';
import { canManageFunds } from './util.ts';
import { exportCorrections } from '../../../src/contract/exports.ts';
import { ExportLink } from '../components/ExportLink.tsx';

const PAGE_SIZE = 20;

/** What the district proposes to change, in words: old → new when the old value was kept. */
function Proposed({ value, before }: { value: Correction['proposed']; before: Correction['before'] }) {
  const t = useT();
  const parts: string[] = [];
  if (value.amount !== undefined)
    parts.push(
      before?.amount !== undefined
        ? t('funds.corrections.changedAmount', { before: formatCents(before.amount), amount: formatCents(value.amount) })
        : t('funds.corrections.proposedAmount', { amount: formatCents(value.amount) }),
    );
  if (value.area !== undefined)
    parts.push(before?.area !== undefined ? t('funds.corrections.changedArea', { before: before.area, area: value.area }) : t('funds.corrections.proposedArea', { area: value.area }));
  if (value.description !== undefined)
    parts.push(
      before?.description !== undefined
        ? t('funds.corrections.changedDescription', { before: before.description, description: value.description })
        : t('funds.corrections.proposedDescription', { description: value.description }),
    );
  return <>{parts.length ? parts.join('; ') : t('common.dash')}</>;
}

function DecisionForm({ correction, onDone, onCancel }: { correction: Correction; onDone: (message: string) => void; onCancel: () => void }) {
  const t = useT();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { send, busy, error: failure } = useSend(decideCorrection);
  const id = `correction-${correction.id}-note`;

  const decide = async (accept: boolean) => {
    if (!accept && !note.trim()) {
      setError(t('funds.corrections.noteRequired'));
      document.getElementById(id)?.focus();
      return;
    }
    setError(null);
    try {
      await send({ params: { id: correction.id }, body: { accept, ...(note.trim() ? { note: note.trim() } : {}) } });
      onDone(t(accept ? 'funds.corrections.accepted' : 'funds.corrections.refused', { id: correction.id }));
    } catch {
      // shown by the ErrorAlert of the form (useSend keeps the failure)
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void decide(true);
  };

  return (
    <form onSubmit={submit} noValidate className="p-3 funds-panel border rounded" aria-label={t('funds.corrections.decideTitle', { id: correction.id })}>
      <ErrorAlert error={failure} />
      <TextField id={id} label={t('funds.corrections.note')} value={note} onChange={setNote} error={error} help={t('funds.corrections.noteHelp')} />
      <div className="d-flex gap-2 flex-wrap">
        <Button color="success" size="sm" type="submit" disabled={busy}>
          {t('funds.corrections.accept')}
        </Button>
        <Button color="danger" size="sm" type="button" disabled={busy} onClick={() => void decide(false)}>
          {t('funds.corrections.refuse')}
        </Button>
        <Button color="secondary" outline size="sm" type="button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

export function CorrectionsPage() {
  const t = useT();
  const { user } = useSession();
  const manager = canManageFunds(user);
  const [draft, setDraft] = useState<CorrectionStatus | ''>('pending');
  const [status, setStatus] = useState<CorrectionStatus | ''>('pending');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { data, error, loading } = useEndpoint(listCorrections, { query: { status: status || undefined, page, pageSize: PAGE_SIZE } });
  const statusLabel = (s: string) => (s === 'pending' ? t('funds.corrections.status.pending') : s === 'accepted' ? t('funds.corrections.status.accepted') : s === 'refused' ? t('funds.corrections.status.refused') : s);

  return (
    <>
      <PageHeading title={t('funds.corrections.title')} />
      <div className="mb-3">
        <ExportLink endpoint={exportCorrections} input={{ query: { status: status || undefined } }} what={t('funds.corrections.title')} />
      </div>
      <p className="lead">{t(manager ? 'funds.corrections.introRegion' : 'funds.corrections.introDistrict')}</p>
      <FilterBar
        label={t('funds.corrections.title')}
        onSubmit={() => {
          setStatus(draft);
          setPage(1);
        }}
        onReset={() => {
          setDraft('pending');
          setStatus('pending');
          setPage(1);
        }}
      >
        <div className="col-md-6">
          <SelectField
            id="corrections-status"
            label={t('funds.corrections.statusFilter')}
            value={draft}
            onChange={(value) => setDraft(correctionStatuses.find((s) => s === value) ?? '')}
            options={[
              { value: 'pending', label: t('funds.corrections.status.pending') },
              { value: 'accepted', label: t('funds.corrections.status.accepted') },
              { value: 'refused', label: t('funds.corrections.status.refused') },
              { value: '', label: t('common.allFeminine') },
            ]}
          />
        </div>
      </FilterBar>
      {done && (
        <Alert fade={false} color="success" role="status">
          {done}
        </Alert>
      )}
      <ErrorAlert error={error} />
      {loading && <Loading />}
      {!loading && data && data.items.length === 0 && <EmptyState text={t('funds.corrections.empty')} />}
      {!loading && data && data.items.length > 0 && (
        <>
          <ResultCount page={data.page} pageSize={data.pageSize} total={data.total} />
          <div className="table-responsive">
            <table className="table caption-top table-sm">
              <caption>{t('funds.corrections.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('funds.corrections.colId')}</th>
                  <th scope="col">{t('funds.col.district')}</th>
                  <th scope="col">{t('funds.corrections.colLine')}</th>
                  <th scope="col">{t('funds.corrections.colProposed')}</th>
                  <th scope="col">{t('funds.corrections.colReason')}</th>
                  <th scope="col">{t('funds.corrections.colRequested')}</th>
                  <th scope="col">{t('funds.corrections.colStatus')}</th>
                  {manager && <th scope="col">{t('funds.col.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.id}</th>
                    <td>{c.district}</td>
                    <td>{c.line ? t('funds.corrections.line', { document: c.line.document, fund: c.line.fund, annuality: c.line.annuality }) : t('funds.corrections.lineUnknown', { id: c.expenseLineId })}</td>
                    <td>
                      <Proposed value={c.proposed} before={c.before} />
                    </td>
                    <td>{c.reason}</td>
                    <td>
                      {c.requestedBy}
                      <br />
                      <span className="small">{formatDateTime(c.requestedAt)}</span>
                    </td>
                    <td>
                      {statusLabel(c.status)}
                      {c.decisionNote && <span className="d-block small">{t('funds.corrections.noteShown', { note: c.decisionNote })}</span>}
                    </td>
                    {manager && (
                      <td>
                        {c.status === 'pending' &&
                          (open === c.id ? (
                            <DecisionForm
                              correction={c}
                              onCancel={() => setOpen(null)}
                              onDone={(message) => {
                                setOpen(null);
                                setDone(message);
                              }}
                            />
                          ) : (
                            <Button color="primary" outline size="xs" onClick={() => { setDone(null); setOpen(c.id); }}>
                              {t('funds.corrections.decide')}
                              <span className="visually-hidden"> {c.id}</span>
                            </Button>
                          ))}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Paging page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} what={t('funds.corrections.title')} />
        </>
      )}
    </>
  );
}
