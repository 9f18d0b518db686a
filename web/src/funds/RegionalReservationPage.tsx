/**
 * `/fondi-regionali/prenotazioni/:id`: a reservation (DGR of finalisation) with its assignments to
 * districts, and the implementing act (DD) assigning it with a split criterion: preview first
 * (shares to the cent, their sum equals the amount), then confirm; Σ assignments ≤ reservation.
 * A later DGR may change the reservation's amount, never below what is already assigned.
 */
import { useState } from 'react';
import { Alert, Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { actRefLabel } from '../i18n/labels.ts';
import { useEndpoint } from '../query.ts';
import { formatCents } from '../format.ts';
import { useSession } from '../session.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { useDistrictNames } from './hooks.ts';
import { canManageFunds } from './util.ts';
import { chapterPath, RegionalBreadcrumb } from './RegionalShared.tsx';
import { getReservation } from '../../../src/contract/regional-funds.ts';
import { AssignReservationForm } from './AssignReservationForm.tsx';
import { AmendReservationForm } from './AmendReservationForm.tsx';

export function RegionalReservationPage({ id }: { id: number }) {
  const t = useT();
  const { user } = useSession();
  const manager = canManageFunds(user);
  const names = useDistrictNames();
  const reservation = useEndpoint(getReservation, { params: { id } });
  const [done, setDone] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const [amending, setAmending] = useState(false);
  const r = reservation.data;
  const title = r ? t('funds.regional.reservationPage.title', { code: r.code, description: r.description }) : t('funds.regional.reservationPage.titleShort');

  const finished = (message: string) => {
    setDone(message);
    setAmending(false);
    setRound(round + 1);
    window.setTimeout(() => document.getElementById('regional-done')?.focus(), 0);
  };

  const total = r ? r.assignments.reduce((s, a) => s + a.amount, 0) : 0;

  return (
    <>
      <RegionalBreadcrumb
        trail={r ? [{ to: chapterPath(r.chapterId), label: t('funds.regional.chapterPage.crumb', { code: r.chapterCode }) }] : []}
        current={r ? t('funds.regional.reservationPage.crumb', { code: r.code }) : t('funds.regional.reservationPage.titleShort')}
      />
      <PageHeading title={title} />
      <ErrorAlert error={reservation.error} />
      {reservation.loading && !r && <Loading />}
      {done && (
        <div id="regional-done" tabIndex={-1}>
          <Alert fade={false} color="success" role="status">
            {done}
          </Alert>
        </div>
      )}
      {r && (
        <>
          <dl className="row regional-reservation-summary">
            <dt className="col-sm-4">{t('funds.regional.reservationPage.chapter')}</dt>
            <dd className="col-sm-8">{r.chapterCode}</dd>
            <dt className="col-sm-4">{t('funds.col.fund')}</dt>
            <dd className="col-sm-8">{r.fund}</dd>
            <dt className="col-sm-4">{t('funds.regional.col.year')}</dt>
            <dd className="col-sm-8">{r.year}</dd>
            <dt className="col-sm-4">{t('funds.regional.col.amount')}</dt>
            <dd className="col-sm-8 regional-reservation-amount">{formatCents(r.amount)}</dd>
            <dt className="col-sm-4">{t('funds.regional.col.assigned')}</dt>
            <dd className="col-sm-8 regional-reservation-assigned">{formatCents(r.assigned)}</dd>
            <dt className="col-sm-4">{t('funds.regional.col.toAssign')}</dt>
            <dd className="col-sm-8 regional-reservation-available">{formatCents(r.available)}</dd>
            <dt className="col-sm-4">{t('funds.regional.col.dgr')}</dt>
            <dd className="col-sm-8">{actRefLabel(t, r.act)}</dd>
          </dl>

          {manager && (
            <div className="mb-4">
              <Button color="primary" outline className="mb-3" onClick={() => setAmending(true)} aria-expanded={amending} aria-controls="ramend-form">
                {t('funds.regional.amend.open')}
              </Button>
              {amending && <AmendReservationForm reservation={r} onDone={finished} onCancel={() => setAmending(false)} />}
            </div>
          )}

          <section aria-labelledby="assignments-title" className="mb-4">
            <h2 id="assignments-title" className="h3">
              {t('funds.regional.assignments.title')}
            </h2>
            {r.assignments.length === 0 ? (
              <EmptyState text={t('funds.regional.assignments.empty')} />
            ) : (
              <div className="table-responsive">
                <table className="table caption-top table-sm regional-assignments">
                  <caption>{t('funds.regional.assignments.caption', { code: r.code })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('funds.col.district')}</th>
                      <th scope="col">{t('funds.col.name')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.assigned')}</th>
                      <th scope="col">{t('funds.regional.assignments.act')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.assignments.map((a) => (
                      <tr key={`${a.district}/${a.act.id}`}>
                        <th scope="row">{a.district}</th>
                        <td>{names.get(a.district) ?? ''}</td>
                        <td className="text-end">{formatCents(a.amount)}</td>
                        <td>{t('funds.regional.assignments.actValue', { number: a.act.number })}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={2}>
                        {t('funds.dashboard.total')}
                      </th>
                      <td className="text-end fw-bold">{formatCents(total)}</td>
                      <td />
                    </tr>
                  </tfoot>
                </table>
              </div>
            )}
          </section>

          {manager && r.available > 0 && names.size > 0 && (
            <section aria-labelledby="rassign-section-title" className="mb-4">
              <h2 id="rassign-section-title" className="h3">
                {t('funds.regional.assign.section')}
              </h2>
              <AssignReservationForm key={round} reservation={r} names={names} onDone={finished} />
            </section>
          )}
        </>
      )}
    </>
  );
}
