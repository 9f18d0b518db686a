/** The performance area's pages and menu entries, added to the route table (App.tsx) and the menu (shell/Layout.tsx). */
import type { AreaNav, AreaRoute } from '../areas.ts';

export const performanceRoutes: AreaRoute[] = [];
export const performanceNav: AreaNav[] = [];
