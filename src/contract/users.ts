/** Local users: the administrator lists them and creates them, each with its role and scope. */
import { Type, type Static } from 'typebox';
import { roles } from '../domain/auth/roles.ts';
import { endpoint } from './endpoint.ts';
import { problemResponses, User } from './common.ts';
import { NewPassword } from './auth.ts';

const tags = ['Utenti'];

export const UserRow = Type.Object({ ...User.properties, active: Type.Boolean() });
export type UserRow = Static<typeof UserRow>;

const UsernameParams = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) });

export const listUsers = endpoint('GET', '/api/users', {
  tags,
  summary: 'Utenti (solo amministratori)',
  response: { 200: Type.Object({ items: Type.Array(UserRow) }), ...problemResponses },
});

export const NewUser = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  displayName: Type.Optional(Type.String({ maxLength: 200 })),
  role: Type.Enum(roles),
  password: NewPassword,
  districts: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 100 })),
  body: Type.Optional(Type.String({ maxLength: 200 })),
  centres: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })),
});
export type NewUser = Static<typeof NewUser>;

export const createUser = endpoint('POST', '/api/users', {
  tags,
  summary: 'Crea un utente locale con ruolo e ambito (distretti di un referente di distretto; ente e centri di un responsabile di area)',
  body: NewUser,
  response: { 201: User, ...problemResponses },
});

export const setUserActive = endpoint('PUT', '/api/users/:username/active', {
  tags,
  summary: 'Disattiva un utente (le sue sessioni terminano) o lo riattiva; mai cancellato',
  params: UsernameParams,
  body: Type.Object({ active: Type.Boolean() }),
  response: { 200: Type.Object({ username: Type.String(), active: Type.Boolean() }), ...problemResponses },
});

export const resetPassword = endpoint('PUT', '/api/users/:username/password', {
  tags,
  summary: 'Reimposta la password di un altro utente (tutte le sue sessioni terminano); la propria si cambia con PUT /api/auth/password',
  params: UsernameParams,
  body: Type.Object({ password: NewPassword }),
  response: { 200: Type.Object({ username: Type.String(), sessionsEnded: Type.Integer() }), ...problemResponses },
});
