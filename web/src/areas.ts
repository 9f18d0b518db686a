/**
 * Pages of the areas beyond the registry (funds, performance): each area folder exports its
 * routes and menu entries, so areas grow without editing the shell.
 */
import type { ReactNode } from 'react';
import type { MessageKey } from './i18n/messages.ts';
import type { User } from './types.ts';
import { fundsNav, fundsRoutes } from './funds/area.tsx';
import { performanceNav, performanceRoutes } from './performance/area.tsx';
import { usersNav, usersRoutes } from './users/area.tsx';
import { securityNav, securityRoutes } from './security/area.tsx';
import { accountRoutes } from './account/area.tsx';
import { receiptsNav, receiptsRoutes } from './receipts/area.tsx';

export interface AreaRoute {
  pattern: string;
  /** Who may open it; absent = every signed-in user. */
  allowed?: (user: User) => boolean;
  render: (params: Record<string, string>, user: User) => ReactNode;
}

export interface AreaNav {
  to: string;
  label: MessageKey;
  text?: MessageKey;
  /** Offered only to these users; absent = every signed-in user. */
  allowed?: (user: User) => boolean;
}

export const areaRoutes = (): AreaRoute[] => [...fundsRoutes, ...receiptsRoutes, ...performanceRoutes, ...usersRoutes, ...securityRoutes, ...accountRoutes];
export const areaNav = (): AreaNav[] => [...fundsNav, ...receiptsNav, ...performanceNav, ...usersNav, ...securityNav];
