/** The "Profilo" page, for every signed-in user: added to the route table (App.tsx); the user menu of the header (shell/Layout.tsx) links to it. */
import type { AreaRoute } from '../areas.ts';
import { AccountPage } from './AccountPage.tsx';

export const accountRoutes: AreaRoute[] = [{ pattern: '/profilo', render: (_params, user) => <AccountPage user={user} /> }];
