/** Providers, the page frame and the route table. */
import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nProvider } from './i18n/i18n.tsx';
import { queryClient } from './query.ts';
import { HealthProvider } from './health.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { matchPath, usePath } from './router.tsx';
import { canReadAudit } from './roles.ts';
import type { User } from './types.ts';
import { Layout } from './shell/Layout.tsx';
import { Loading } from './components/Loading.tsx';
import { StartPage, SignInNeeded } from './start/StartPage.tsx';
import { HomePage } from './start/HomePage.tsx';
import { NotAllowed, NotFound } from './start/Messages.tsx';
import { DistrictsPage } from './districts/DistrictsPage.tsx';
import { DistrictPage } from './districts/DistrictPage.tsx';
import { MunicipalitiesPage } from './municipalities/MunicipalitiesPage.tsx';
import { BodiesPage } from './bodies/BodiesPage.tsx';
import { ActsPage } from './acts/ActsPage.tsx';
import { AuditPage } from './audit/AuditPage.tsx';
import { areaRoutes } from './areas.ts';

interface Route {
  pattern: string;
  /** Who may open it; absent = every signed-in user. */
  allowed?: (user: User) => boolean;
  render: (params: Record<string, string>, user: User) => ReactNode;
}

const routes: Route[] = [
  { pattern: '/', render: (_, user) => <HomePage user={user} /> },
  { pattern: '/distretti', render: () => <DistrictsPage /> },
  { pattern: '/distretti/:code', render: (p) => <DistrictPage key={p.code} code={p.code ?? ''} /> },
  { pattern: '/comuni', render: () => <MunicipalitiesPage /> },
  { pattern: '/enti', render: () => <BodiesPage /> },
  { pattern: '/atti', render: () => <ActsPage /> },
  { pattern: '/registro-attivita', allowed: (u) => canReadAudit(u.role), render: () => <AuditPage /> },
  ...areaRoutes(),
];

function Page({ path }: { path: string }) {
  const { state } = useSession();
  if (state.status === 'loading') return <Loading />;
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (!params) continue;
    if (state.status !== 'signedIn') return path === '/' ? <StartPage /> : <SignInNeeded />;
    if (route.allowed && !route.allowed(state.user)) return <NotAllowed user={state.user} />;
    return <>{route.render(params, state.user)}</>;
  }
  return <NotFound />;
}

function Shell() {
  const path = usePath();
  return (
    <Layout path={path}>
      <Page key={path} path={path} />
    </Layout>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <HealthProvider>
          <SessionProvider>
            <Shell />
          </SessionProvider>
        </HealthProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
