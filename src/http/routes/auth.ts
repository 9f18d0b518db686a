import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { changeOwnPassword, signIn, signOut } from '../../services/users.ts';
import { endOtherSessions, endOwnSession, listOwnSessions } from '../../services/sessions.ts';
import { DomainError } from '../../domain/errors.ts';
import { lockedMessage } from '../../domain/auth/sign-in-lockout.ts';
import { SESSION_HOURS } from '../../domain/auth/session-policy.ts';
import * as contract from '../../contract/auth.ts';
import { actorOf, SESSION_COOKIE } from '../access.ts';
import { route } from '../route.ts';
import { sendProblem } from '../problem.ts';
import type { FailureOutcome, LoginThrottle } from '../login-throttle.ts';
import { securityEvent } from '../security-events.ts';

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
  route(app, contract.signIn, 'public', async (request, reply) => {
    const { username, password } = request.body;
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
  });

  route(app, contract.signOut, 'session', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await signOut(ctx, token);
    await securityEvent(ctx, request, 'sign_out');
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  route(app, contract.getOwnSession, 'session', async (request) => ({ user: request.session!.user, csrfToken: request.session!.csrfToken }));

  route(app, contract.changeOwnPassword, 'session', async (request, reply) => {
    const { currentPassword, newPassword } = request.body;
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
  });

  route(app, contract.listOwnSessions, 'session', async (request) => ({ items: await listOwnSessions(ctx, actorOf(request), request.session!.sessionId) }));

  route(app, contract.endOtherSessions, 'session', async (request) => ({ sessionsEnded: await endOtherSessions(ctx, actorOf(request), request.session!.sessionId) }));

  route(app, contract.endOwnSession, 'session', async (request, reply) => {
    const ended = await endOwnSession(ctx, actorOf(request), request.session!.sessionId, request.params.id);
    if (ended.current) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });
};
