/** The receipts page and its menu entry (gathered by areas.ts). */
import type { AreaNav, AreaRoute } from '../areas.ts';
import { canReadFunds } from '../funds/util.ts';
import { ReceiptsPage } from './ReceiptsPage.tsx';

export const receiptsRoutes: AreaRoute[] = [{ pattern: '/ricevute', allowed: canReadFunds, render: () => <ReceiptsPage /> }];

export const receiptsNav: AreaNav[] = [{ to: '/ricevute', label: 'receipts.nav', text: 'receipts.navText', allowed: canReadFunds }];
