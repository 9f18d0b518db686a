/** The performance area's pages and menu entries, added to the route table (App.tsx) and the menu (shell/Layout.tsx). */
import type { AreaNav, AreaRoute } from '../areas.ts';
import { canReadPerformance } from './permissions.ts';
import { PlansPage } from './PlansPage.tsx';
import { PlanPage } from './PlanPage.tsx';
import { ObjectivePage } from './ObjectivePage.tsx';
import './perf.css';

export const performanceRoutes: AreaRoute[] = [
  { pattern: '/performance', allowed: canReadPerformance, render: () => <PlansPage /> },
  { pattern: '/performance/:id', allowed: canReadPerformance, render: (p) => <PlanPage key={p.id} id={p.id ?? ''} /> },
  {
    pattern: '/performance/:id/obiettivi/:objectiveId',
    allowed: canReadPerformance,
    render: (p) => <ObjectivePage key={`${p.id}-${p.objectiveId}`} planId={p.id ?? ''} objectiveId={p.objectiveId ?? ''} />,
  },
];

export const performanceNav: AreaNav[] = [{ to: '/performance', label: 'nav.performance', text: 'perf.nav.text', allowed: canReadPerformance }];
