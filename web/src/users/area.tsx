/** The users page, for administrators: added to the route table (App.tsx) and the menu (shell/Layout.tsx). */
import type { AreaNav, AreaRoute } from '../areas.ts';
import type { User } from '../types.ts';
import { canManageUsers } from '../roles.ts';
import { UsersPage } from './UsersPage.tsx';

const isAdmin = (user: User) => canManageUsers(user.role);

export const usersRoutes: AreaRoute[] = [{ pattern: '/utenti', allowed: isAdmin, render: () => <UsersPage /> }];

export const usersNav: AreaNav[] = [{ to: '/utenti', label: 'users.nav', text: 'users.navText', allowed: isAdmin }];
