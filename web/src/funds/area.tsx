/** The funds area's pages and menu entries, added to the route table (App.tsx) and the menu (shell/Layout.tsx). */
import type { AreaNav, AreaRoute } from '../areas.ts';
import type { User } from '../types.ts';
import { NotFound } from '../start/Messages.tsx';
import { FundsPage } from './FundsPage.tsx';
import { NewAnnualityPage } from './NewAnnualityPage.tsx';
import { DashboardPage } from './DashboardPage.tsx';
import { VerifyPage } from './VerifyPage.tsx';
import { CorrectionsPage } from './CorrectionsPage.tsx';
import { DistrictFundsPage, MyDistrict } from './DistrictFundsPage.tsx';
import { ReportPage } from './ReportPage.tsx';
import { ImportsPage } from './ImportsPage.tsx';
import { RegionalChaptersPage } from './RegionalChaptersPage.tsx';
import { RegionalChapterPage } from './RegionalChapterPage.tsx';
import { RegionalReservationPage } from './RegionalReservationPage.tsx';
import { canManageFunds, canReadFunds, canRunImports } from './util.ts';
import './funds.css';

const isDistrictOfficer = (u: User): boolean => u.role === 'district_officer';
const regionReader = (u: User): boolean => canReadFunds(u) && !isDistrictOfficer(u);
const entityId = (text: string | undefined): number | null => (text && /^[1-9]\d{0,9}$/.test(text) ? Number(text) : null);
const year = (text: string | undefined): number | null => (text && /^\d{4}$/.test(text) ? Number(text) : null);

export const fundsRoutes: AreaRoute[] = [
  { pattern: '/fondi', allowed: canReadFunds, render: () => <FundsPage /> },
  { pattern: '/fondi/nuovo', allowed: canManageFunds, render: () => <NewAnnualityPage /> },
  {
    pattern: '/fondi/:fund/:annuality',
    allowed: canReadFunds,
    render: (p) => {
      const y = year(p.annuality);
      return y === null ? <NotFound /> : <DashboardPage key={`${p.fund}/${y}`} fund={p.fund ?? ''} annuality={y} />;
    },
  },
  {
    pattern: '/fondi/:fund/:annuality/verifica',
    allowed: canManageFunds,
    render: (p) => {
      const y = year(p.annuality);
      return y === null ? <NotFound /> : <VerifyPage key={`${p.fund}/${y}`} fund={p.fund ?? ''} annuality={y} />;
    },
  },
  { pattern: '/fondi-regionali', allowed: canReadFunds, render: () => <RegionalChaptersPage /> },
  {
    pattern: '/fondi-regionali/capitoli/:id',
    allowed: canReadFunds,
    render: (p) => {
      const id = entityId(p.id);
      return id === null ? <NotFound /> : <RegionalChapterPage key={id} id={id} />;
    },
  },
  {
    pattern: '/fondi-regionali/prenotazioni/:id',
    allowed: canReadFunds,
    render: (p) => {
      const id = entityId(p.id);
      return id === null ? <NotFound /> : <RegionalReservationPage key={id} id={id} />;
    },
  },
  { pattern: '/rettifiche', allowed: canReadFunds, render: () => <CorrectionsPage /> },
  { pattern: '/importazioni', allowed: canRunImports, render: () => <ImportsPage /> },
  { pattern: '/mio-distretto', allowed: isDistrictOfficer, render: (_, user) => <MyDistrict user={user} /> },
  { pattern: '/distretti/:code/fondi', allowed: canReadFunds, render: (p, user) => <DistrictFundsPage key={p.code} code={p.code ?? ''} user={user} /> },
  {
    pattern: '/distretti/:code/rendiconti/:year',
    allowed: canReadFunds,
    render: (p, user) => {
      const y = year(p.year);
      return y === null ? <NotFound /> : <ReportPage key={`${p.code}/${y}`} code={p.code ?? ''} year={y} user={user} />;
    },
  },
];

export const fundsNav: AreaNav[] = [
  { to: '/fondi', label: 'nav.funds', text: 'funds.nav.fundsText', allowed: regionReader },
  { to: '/fondi-regionali', label: 'funds.nav.regional', text: 'funds.nav.regionalText', allowed: regionReader },
  { to: '/mio-distretto', label: 'funds.nav.myDistrict', text: 'funds.nav.myDistrictText', allowed: (u) => isDistrictOfficer(u) && u.districts.length > 0 },
  { to: '/rettifiche', label: 'funds.nav.corrections', text: 'funds.nav.correctionsText', allowed: (u) => canManageFunds(u) || isDistrictOfficer(u) },
  { to: '/importazioni', label: 'funds.nav.imports', text: 'funds.nav.importsText', allowed: canRunImports },
];
