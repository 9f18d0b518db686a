/**
 * The demo users of the demo data set (`regia demo`, `npm start`), as plain data: the server
 * creates them from this list and the start page of a demo installation shows it, so neither
 * asks the other. Their password is a published constant of the demo data set, like the data
 * itself: it is not a secret and is never sent by the server (`/api/health` says only whether
 * the demo is on). These users are active only while the server runs with the demo
 * (REGIA_DEMO=1); a server started without it deactivates them and ends their sessions.
 */
import type { Role } from './auth/roles.ts';

export const DEMO_PASSWORD = 'demo-regia-2026';

export interface DemoUser {
  username: string;
  role: Role;
  districts?: string[];
  centres?: string[];
  displayName: string;
  body?: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'regione', role: 'region_officer', displayName: 'Funzionaria regionale (demo)' },
  { username: 'distretto', role: 'district_officer', districts: ['LT2'], displayName: 'Referente distretto Latina 2 (demo)' },
  { username: 'consorzio', role: 'consortium_manager', displayName: 'Direttore del consorzio (demo)', body: 'Consorzio IN.RE.TE.' },
  { username: 'area', role: 'area_manager', centres: ['Area Amministrativa'], displayName: 'Responsabile Area Amministrativa (demo)', body: 'Consorzio IN.RE.TE.' },
  { username: 'oiv', role: 'evaluator', displayName: 'Nucleo di valutazione (demo)', body: 'Consorzio IN.RE.TE.' },
  { username: 'revisore', role: 'auditor', displayName: 'Revisore (demo)' },
];
