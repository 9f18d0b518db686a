/** The security events page, for administrators and auditors (the server's audit.read). */
import type { AreaNav, AreaRoute } from '../areas.ts';
import type { User } from '../types.ts';
import { canReadAudit } from '../roles.ts';
import { SecurityEventsPage } from './SecurityEventsPage.tsx';

const canReadSecurityEvents = (user: User) => canReadAudit(user.role);

export const securityRoutes: AreaRoute[] = [{ pattern: '/eventi-sicurezza', allowed: canReadSecurityEvents, render: () => <SecurityEventsPage /> }];

export const securityNav: AreaNav[] = [{ to: '/eventi-sicurezza', label: 'security.nav', text: 'security.navText', allowed: canReadSecurityEvents }];
