import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { changeOwnPassword, signIn, signOut } from '../../services/users.ts';
import { endOtherSessions, endOwnSession, listOwnSessions } from '../../services/sessions.ts';
import { DomainError } from '../../domain/errors.ts';
import { lockedMessage } from '../../domain/auth/sign-in-lockout.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../domain/auth/password-policy.ts';
import { SESSION_HOURS } from '../../domain/auth/session-policy.ts';
import { actorOf, SESSION_COOKIE } from '../access.ts';
import { Problem, problemResponses, User } from '../../contract/common.ts';
import { sendProblem } from '../problem.ts';
import type { FailureOutcome, LoginThrottle } from '../login-throttle.ts';
import { securityEvent } from '../security-events.ts';

const tags = ['Accesso'];

const OwnSession = Type.Object({
  id: Type.String({ description: 'Identificativo pubblico della sessione (non il suo token)' }),
  createdAt: Type.String(),
  lastSeenAt: Type.String(),
  address: Type.String(),
  userAgent: Type.String(),
  current: Type.Boolean({ description: 'È la sessione di questa richiesta' }),
});

/** 429 with Retry-After (seconds) and the Italian message saying when to retry. */
const tooManyAttempts = (reply: FastifyReply, seconds: number) => {
  reply.header('retry-after', String(seconds));
  return sendProblem(reply, 429, 'auth.too_many_attempts', lockedMessage(seconds));
};

/** A failure that started a wait is a lockout, recorded as such (the account is the name typed). */
const lockoutEvents = async (ctx: ServiceContext, request: FastifyRequest, username: string, outcome: FailureOutcome) => {
  if (outcome.accountLocked) await securityEvent(ctx, request, 'account_locked', { username, account: username });
  if (outcome.addressLocked) await securityEvent(ctx, request, 'address_locked', { username });
};

export const authRoutes = (ctx: ServiceContext, throttle: LoginThrottle, secureCookies: boolean) => async (app: FastifyInstance) => {
  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Accesso con nome utente e password',
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }),
        response: { 200: Type.Object({ user: User, csrfToken: Type.String() }), 401: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body as { username: string; password: string };
      const answer = await throttle.begin(request.ip, username);
      if (!answer.allowed) {
        await securityEvent(ctx, request, 'sign_in_throttled', { username });
        return tooManyAttempts(reply, answer.retryAfterSeconds);
      }
      let signed: Awaited<ReturnType<typeof signIn>>;
      try {
        signed = await signIn(ctx, username, password, { address: request.ip, userAgent: request.headers['user-agent'] ?? '' });
      } catch (e) {
        // A wrong password stays counted; any other error is not the user's failure.
        if (!(e instanceof DomainError && e.kind === 'unauthenticated')) await answer.attempt.abandoned();
        else {
          await securityEvent(ctx, request, 'sign_in_failed', { username });
          await lockoutEvents(ctx, request, username, answer.attempt.failed());
        }
        throw e;
      }
      await answer.attempt.succeeded();
      await securityEvent(ctx, request, 'sign_in', { username, account: signed.user.username });
      reply.setCookie(SESSION_COOKIE, signed.sessionToken, { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookies, maxAge: SESSION_HOURS * 3600 });
      return { user: signed.user, csrfToken: signed.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'session' }, schema: { tags, summary: 'Chiude la sessione', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(ctx, token);
      await securityEvent(ctx, request, 'sign_out');
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    { config: { access: 'session' }, schema: { tags, summary: 'Utente della sessione', response: { 200: Type.Object({ user: User, csrfToken: Type.String() }), 401: Problem } } },
    async (request) => ({ user: request.session!.user, csrfToken: request.session!.csrfToken }),
  );

  app.put(
    '/api/auth/password',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Cambia la propria password (le altre sessioni terminano)',
        body: Type.Object({
          currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
          newPassword: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH, description: `Almeno ${MIN_PASSWORD_LENGTH} caratteri, non tra le password più comuni` }),
        }),
        response: { 200: Type.Object({ sessionsEnded: Type.Integer() }), ...problemResponses, 429: Problem },
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body as { currentPassword: string; newPassword: string };
      const actor = actorOf(request);
      const username = request.session!.user.username;
      // Proving the current password is a guess like a sign-in: the same throttle counts it.
      const answer = await throttle.begin(request.ip, username);
      if (!answer.allowed) {
        await securityEvent(ctx, request, 'sign_in_throttled', { detail: 'cambio password' });
        return tooManyAttempts(reply, answer.retryAfterSeconds);
      }
      let result: Awaited<ReturnType<typeof changeOwnPassword>>;
      try {
        result = await changeOwnPassword(ctx, actor, request.session!.sessionId, currentPassword, newPassword);
      } catch (e) {
        if (e instanceof DomainError && e.code === 'auth.wrong_password') {
          await securityEvent(ctx, request, 'sign_in_failed', { detail: 'password attuale errata (cambio password)' });
          await lockoutEvents(ctx, request, username, answer.attempt.failed());
        } else await answer.attempt.abandoned();
        throw e;
      }
      await answer.attempt.succeeded();
      await securityEvent(ctx, request, 'password_changed', { detail: `sessioni chiuse: ${result.sessionsEnded}` });
      return { sessionsEnded: result.sessionsEnded };
    },
  );

  app.get(
    '/api/auth/sessions',
    {
      config: { access: 'session' },
      schema: { tags, summary: 'Le proprie sessioni aperte (dove e quando)', response: { 200: Type.Object({ items: Type.Array(OwnSession) }), 401: Problem } },
    },
    async (request) => ({ items: await listOwnSessions(ctx, actorOf(request), request.session!.sessionId) }),
  );

  app.delete(
    '/api/auth/sessions/others',
    {
      config: { access: 'session' },
      schema: { tags, summary: 'Chiude tutte le proprie sessioni tranne questa', response: { 200: Type.Object({ sessionsEnded: Type.Integer() }), ...problemResponses } },
    },
    async (request) => ({ sessionsEnded: await endOtherSessions(ctx, actorOf(request), request.session!.sessionId) }),
  );

  app.delete(
    '/api/auth/sessions/:id',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Chiude una delle proprie sessioni',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const ended = await endOwnSession(ctx, actorOf(request), request.session!.sessionId, (request.params as { id: string }).id);
      if (ended.current) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );
};
