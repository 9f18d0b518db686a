/**
 * `/fondi-regionali/capitoli/:id`: a budget chapter year by year (budget, reserved, assigned,
 * available), the yearly amounts (LEGGE or DGR), the DGRs of finalisation reserving part of it
 * (Σ reservations ≤ budget: the server's Italian refusal is shown as it is) and the half-yearly
 * statements.
 */
import { useState } from 'react';
import { Alert } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { actRefLabel } from '../i18n/labels.ts';
import { formatCents, formatDate } from '../format.ts';
import { Link } from '../router.tsx';
import { useEndpoint } from '../query.ts';
import { getChapter, listReservations, listStatements } from '../../../src/contract/regional-funds.ts';
import { useSession } from '../session.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { canManageFunds } from './util.ts';
import { RegionalBreadcrumb, reservationPath } from './RegionalShared.tsx';
import { ChapterAmountForm } from './ChapterAmountForm.tsx';
import { ReservationForm } from './ReservationForm.tsx';
import { StatementForm } from './StatementForm.tsx';

export function RegionalChapterPage({ id }: { id: number }) {
  const t = useT();
  const { user } = useSession();
  const manager = canManageFunds(user);
  const chapter = useEndpoint(getChapter, { params: { id } });
  const reservations = useEndpoint(listReservations, { query: { chapter: id } });
  const statements = useEndpoint(listStatements, { params: { id } });
  const [done, setDone] = useState<string | null>(null);
  const c = chapter.data;
  const title = c ? t('funds.regional.chapterPage.title', { code: c.code, description: c.description }) : t('funds.regional.chapterPage.titleShort');

  const finished = (message: string) => {
    setDone(message);
    window.setTimeout(() => document.getElementById('regional-done')?.focus(), 0);
  };

  return (
    <>
      <RegionalBreadcrumb trail={[]} current={c ? t('funds.regional.chapterPage.crumb', { code: c.code }) : t('funds.regional.chapterPage.titleShort')} />
      <PageHeading title={title} />
      <ErrorAlert error={chapter.error} />
      {chapter.loading && !c && <Loading />}
      {done && (
        <div id="regional-done" tabIndex={-1}>
          <Alert fade={false} color="success" role="status">
            {done}
          </Alert>
        </div>
      )}
      {c && (
        <>
          <p className="lead">{t('funds.regional.chapterPage.fund', { fund: c.fundName, code: c.fund })}</p>
          <section aria-labelledby="years-title" className="mb-4">
            <h2 id="years-title" className="h3">
              {t('funds.regional.years.title')}
            </h2>
            {c.years.length === 0 ? (
              <EmptyState text={t('funds.regional.years.empty')} />
            ) : (
              <div className="table-responsive">
                <table className="table caption-top table-sm regional-years">
                  <caption>{t('funds.regional.years.caption', { code: c.code })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('funds.regional.col.year')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.budget')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.reserved')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.assigned')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.available')}</th>
                      <th scope="col">{t('funds.regional.col.budgetAct')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...c.years]
                      .sort((a, b) => a.year - b.year)
                      .map((y) => (
                        <tr key={y.year}>
                          <th scope="row">{y.year}</th>
                          <td className="text-end">{formatCents(y.budget)}</td>
                          <td className="text-end">{formatCents(y.reserved)}</td>
                          <td className="text-end">{formatCents(y.assigned)}</td>
                          <td className="text-end">{formatCents(y.available)}</td>
                          <td>{actRefLabel(t, y.act)}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            )}
            {manager && <ChapterAmountForm chapter={c} onDone={finished} />}
          </section>

          <section aria-labelledby="reservations-title" className="mb-4">
            <h2 id="reservations-title" className="h3">
              {t('funds.regional.reservations.title')}
            </h2>
            <ErrorAlert error={reservations.error} />
            {reservations.loading && !reservations.data && <Loading />}
            {reservations.data && reservations.data.length === 0 && <EmptyState text={t('funds.regional.reservations.empty')} />}
            {reservations.data && reservations.data.length > 0 && (
              <div className="table-responsive">
                <table className="table caption-top table-sm regional-reservations">
                  <caption>{t('funds.regional.reservations.caption', { code: c.code })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('funds.regional.col.reservation')}</th>
                      <th scope="col">{t('funds.regional.col.description')}</th>
                      <th scope="col">{t('funds.regional.col.year')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.amount')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.assigned')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.toAssign')}</th>
                      <th scope="col">{t('funds.regional.col.dgr')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {reservations.data.map((r) => (
                      <tr key={r.id}>
                        <th scope="row">
                          <Link to={reservationPath(r.id)}>
                            <span className="visually-hidden">{t('funds.regional.col.reservation')} </span>
                            {r.code}
                          </Link>
                        </th>
                        <td>{r.description}</td>
                        <td>{r.year}</td>
                        <td className="text-end">{formatCents(r.amount)}</td>
                        <td className="text-end">{formatCents(r.assigned)}</td>
                        <td className="text-end">{formatCents(r.available)}</td>
                        <td>{actRefLabel(t, r.act)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {manager && <ReservationForm key={c.years.map((y) => y.year).join(',')} chapter={c} onDone={finished} />}
          </section>

          <section aria-labelledby="statements-title" className="mb-4">
            <h2 id="statements-title" className="h3">
              {t('funds.regional.statements.title')}
            </h2>
            <p>{t('funds.regional.statements.intro')}</p>
            <ErrorAlert error={statements.error} />
            {statements.loading && !statements.data && <Loading />}
            {statements.data && statements.data.length === 0 && <EmptyState text={t('funds.regional.statements.empty')} />}
            {statements.data && statements.data.length > 0 && (
              <div className="table-responsive">
                <table className="table caption-top table-sm regional-statements">
                  <caption>{t('funds.regional.statements.caption', { code: c.code })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('funds.regional.statements.period')}</th>
                      <th scope="col">{t('funds.regional.statement.asOf')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.budget')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.reserved')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.assigned')}</th>
                      <th scope="col" className="text-end">{t('funds.regional.col.available')}</th>
                      <th scope="col">{t('funds.regional.statement.reference')}</th>
                      <th scope="col">{t('funds.regional.statements.recordedBy')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {statements.data.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">{t('funds.regional.statements.periodValue', { semester: s.semester, year: s.year })}</th>
                        <td>{formatDate(s.asOf)}</td>
                        <td className="text-end">{formatCents(s.budget)}</td>
                        <td className="text-end">{formatCents(s.reserved)}</td>
                        <td className="text-end">{formatCents(s.assigned)}</td>
                        <td className="text-end">{formatCents(s.available)}</td>
                        <td>{[s.act ? actRefLabel(t, s.act) : '', s.communication].filter(Boolean).join(' — ')}</td>
                        <td>{s.recordedBy}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {manager && c.years.length > 0 && <StatementForm key={c.years.map((y) => y.year).join(',')} chapter={c} onDone={finished} />}
          </section>
        </>
      )}
    </>
  );
}
