import { Type } from 'typebox';
import { ChangePasswordBody, ErrorEnvelope, SessionResponse, SignInBody } from '@pishkhan/contracts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { changePassword } from './commands/change-password.ts';
import { signIn } from './commands/sign-in.ts';
import { actorFromUser } from './actor-loader.ts';
import { presentMe } from './access.presenter.ts';
import { clearSessionCookie, csrfTokenFor, currentSessionToken, forgetSession, setSessionCookie, type SessionDeps } from './sessions.ts';
import { signOut } from './commands/sign-out.ts';
import { requireUser } from '../../platform/policy/index.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { AccessErrors } from './access.errors.ts';
import { recordSignInFailure } from './commands/record-sign-in-failure.ts';
import { removeInitialPasswordFile } from './initial-password.ts';
import { PUBLIC_RATE_LIMIT } from './rate-limit-store.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 429: ErrorEnvelope };

export function registerSessionRoutes(app: App, ctx: AppContext, deps: SessionDeps): void {
  app.post(
    '/api/v1/session',
    {
      config: { auth: 'public', ...PUBLIC_RATE_LIMIT },
      schema: { tags: ['session'], summary: 'Sign in with email and password', body: SignInBody, response: { 200: SessionResponse, ...errors } },
    },
    async (request, reply) => {
      const input = { actor: request.actor, ...request.body, ip: request.ip, ...(request.headers['user-agent'] ? { userAgent: request.headers['user-agent'] } : {}) };
      const { user, sessionId, token } = await signIn(ctx, input).catch(async (error: unknown) => {
        // A wrong password or unknown email counts against the account and the address (after the
        // failed unit of work, in its own), then answers as before.
        if (error instanceof DomainError && error.code === AccessErrors['auth.invalid_credentials']) {
          await recordSignInFailure(ctx, { actor: request.actor, email: request.body.email, ip: request.ip });
        }
        throw error;
      });
      setSessionCookie(deps, reply, token);
      const csrfToken = csrfTokenFor(deps.secret, token);
      const actor = (await actorFromUser(ctx.db, ctx.actorSides, user, 'session', sessionId))!;
      return { me: presentMe(actor), csrfToken };
    },
  );

  app.get(
    '/api/v1/session',
    { config: { auth: 'password-change' }, schema: { tags: ['session'], summary: 'The signed-in user and the CSRF token', response: { 200: SessionResponse, ...errors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      return { me: presentMe(actor), csrfToken: csrfTokenFor(deps.secret, currentSessionToken(request) ?? '') };
    },
  );

  app.delete(
    '/api/v1/session',
    { config: { auth: 'password-change' }, schema: { tags: ['session'], summary: 'Sign out', response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await signOut(ctx, { actor: request.actor });
      forgetSession(deps, currentSessionToken(request));
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/me/password',
    {
      config: { auth: 'password-change' },
      schema: {
        tags: ['session'],
        summary: 'Change your own password (required after the first sign-in with a generated password)',
        body: ChangePasswordBody,
        response: { 204: Type.Null(), ...errors, 422: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const { replacedOneTime } = await changePassword(ctx, { actor: request.actor, ...request.body });
      // The generated first password is of no use once replaced: its file goes.
      if (replacedOneTime && request.actor.kind === 'user') await removeInitialPasswordFile(ctx.config.dataDir, request.actor.email);
      return reply.status(204).send(null);
    },
  );
}
