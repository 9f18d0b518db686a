import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ServiceContext } from '../../services/context.ts';
import { signIn, signOut } from '../../services/users.ts';
import { DomainError } from '../../domain/errors.ts';
import { SESSION_COOKIE } from '../access.ts';
import { Problem, User } from '../schemas.ts';
import { sendProblem } from '../problem.ts';
import type { LoginThrottle } from '../login-throttle.ts';
import { securityEvent } from '../security-events.ts';

export const authRoutes = (ctx: ServiceContext, throttle: LoginThrottle, secureCookies: boolean) => async (app: FastifyInstance) => {
  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Accesso'],
        summary: 'Accesso con nome utente e password',
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }),
        response: { 200: Type.Object({ user: User, csrfToken: Type.String() }), 401: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body as { username: string; password: string };
      const attempt = await throttle.begin(request.ip, username);
      if (!attempt) {
        await securityEvent(ctx, request, 'sign_in_throttled', { username });
        return sendProblem(reply, 429, 'auth.too_many_attempts', 'Troppi tentativi di accesso non riusciti: riprovare tra qualche minuto');
      }
      let signed: Awaited<ReturnType<typeof signIn>>;
      try {
        signed = await signIn(ctx, username, password);
      } catch (e) {
        // A wrong password stays counted; any other error is not the user's failure.
        if (!(e instanceof DomainError && e.kind === 'unauthenticated')) await attempt.abandoned();
        else await securityEvent(ctx, request, 'sign_in_failed', { username });
        throw e;
      }
      await attempt.succeeded();
      await securityEvent(ctx, request, 'sign_in', { username, account: signed.user.username });
      reply.setCookie(SESSION_COOKIE, signed.sessionToken, { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookies, maxAge: 8 * 3600 });
      return { user: signed.user, csrfToken: signed.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'session' }, schema: { tags: ['Accesso'], summary: 'Chiude la sessione', response: { 204: Type.Null() } } },
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
    { config: { access: 'session' }, schema: { tags: ['Accesso'], summary: 'Utente della sessione', response: { 200: Type.Object({ user: User, csrfToken: Type.String() }), 401: Problem } } },
    async (request) => ({ user: request.session!.user, csrfToken: request.session!.csrfToken }),
  );
};
