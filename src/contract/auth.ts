/** Sign-in, sign-out, the session's user and its own password and sessions. */
import { Type, type Static } from 'typebox';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../domain/auth/password-policy.ts';
import { endpoint } from './endpoint.ts';
import { Problem, problemResponses, User } from './common.ts';

const tags = ['Accesso'];

/** The signed-in user and the token every state-changing request sends back (x-csrf-token). */
export const Session = Type.Object({ user: User, csrfToken: Type.String() });
export type Session = Static<typeof Session>;

export const OwnSession = Type.Object({
  id: Type.String({ description: 'Identificativo pubblico della sessione (non il suo token)' }),
  createdAt: Type.String(),
  lastSeenAt: Type.String(),
  address: Type.String(),
  userAgent: Type.String(),
  current: Type.Boolean({ description: 'È la sessione di questa richiesta' }),
});
export type OwnSession = Static<typeof OwnSession>;

/** A new password as the policy states it (src/domain/auth/password-policy.ts). */
export const NewPassword = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH, description: `Almeno ${MIN_PASSWORD_LENGTH} caratteri, non tra le password più comuni` });

const SessionsEnded = Type.Object({ sessionsEnded: Type.Integer() });

export const signIn = endpoint('POST', '/api/auth/login', {
  tags,
  summary: 'Accesso con nome utente e password',
  body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }),
  response: { 200: Session, 400: Problem, 401: Problem, 429: Problem },
});

export const signOut = endpoint('POST', '/api/auth/logout', {
  tags,
  summary: 'Chiude la sessione',
  response: { 204: Type.Null() },
});

export const getOwnSession = endpoint('GET', '/api/auth/me', {
  tags,
  summary: 'Utente della sessione',
  response: { 200: Session, 401: Problem },
});

export const changeOwnPassword = endpoint('PUT', '/api/auth/password', {
  tags,
  summary: 'Cambia la propria password (le altre sessioni terminano)',
  body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: NewPassword }),
  response: { 200: SessionsEnded, ...problemResponses, 429: Problem },
});

export const listOwnSessions = endpoint('GET', '/api/auth/sessions', {
  tags,
  summary: 'Le proprie sessioni aperte (dove e quando)',
  response: { 200: Type.Object({ items: Type.Array(OwnSession) }), 401: Problem },
});

export const endOtherSessions = endpoint('DELETE', '/api/auth/sessions/others', {
  tags,
  summary: 'Chiude tutte le proprie sessioni tranne questa',
  response: { 200: SessionsEnded, ...problemResponses },
});

export const endOwnSession = endpoint('DELETE', '/api/auth/sessions/:id', {
  tags,
  summary: 'Chiude una delle proprie sessioni',
  params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
  response: { 204: Type.Null(), ...problemResponses },
});
