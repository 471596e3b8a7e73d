import { Type } from 'typebox';
import { ChangePasswordBody, ErrorEnvelope, SecondFactorBody, SecondFactorRequired, SessionResponse, SignInBody } from '@pishkhan/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { changePassword } from './commands/change-password.ts';
import { signIn } from './commands/sign-in.ts';
import { completeSecondFactor } from './commands/complete-second-factor.ts';
import { userOfChallenge } from './second-factor.ts';
import { actorFromUser, type SignInRow } from './actor-loader.ts';
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
  const userAgentOf = (request: FastifyRequest) => (request.headers['user-agent'] ? { userAgent: request.headers['user-agent'] } : {});
  // A started session: its cookie set, the signed-in user and the CSRF token answered.
  const sessionAnswer = async (reply: FastifyReply, { user, sessionId, token }: { user: SignInRow; sessionId: number; token: string }) => {
    setSessionCookie(deps, reply, token);
    return { me: presentMe((await actorFromUser(ctx.db, ctx.actorSides, user, 'session', sessionId))!), csrfToken: csrfTokenFor(deps.secret, token) };
  };
  app.post(
    '/api/v1/session',
    {
      config: { auth: 'public', ...PUBLIC_RATE_LIMIT },
      schema: {
        tags: ['session'],
        summary: 'Sign in with email and password (202: the sign-in has a second factor; send its code to /session/second-factor)',
        body: SignInBody,
        response: { 200: SessionResponse, 202: SecondFactorRequired, ...errors },
      },
    },
    async (request, reply) => {
      const input = { actor: request.actor, ...request.body, ip: request.ip, ...userAgentOf(request) };
      const result = await signIn(ctx, input).catch(async (error: unknown) => {
        // A wrong password or unknown email counts against the account and the address (after the
        // failed unit of work, in its own), then answers as before.
        if (error instanceof DomainError && error.code === AccessErrors['auth.invalid_credentials']) {
          await recordSignInFailure(ctx, { actor: request.actor, email: request.body.email, ip: request.ip });
        }
        throw error;
      });
      if (result.step === 'second_factor') {
        return reply.status(202).send({ secondFactor: 'totp' as const, challenge: result.challenge, expiresAt: new Date(result.expiresAt).toISOString() });
      }
      return reply.send(await sessionAnswer(reply, result));
    },
  );

  app.post(
    '/api/v1/session/second-factor',
    {
      config: { auth: 'public', ...PUBLIC_RATE_LIMIT },
      schema: { tags: ['session'], summary: 'Sign in, second step: the challenge and a code of your authenticator app (or a recovery code)', body: SecondFactorBody, response: { 200: SessionResponse, ...errors } },
    },
    async (request, reply) => {
      const input = { actor: request.actor, ...request.body, ip: request.ip, ...userAgentOf(request) };
      const result = await completeSecondFactor(ctx, input).catch(async (error: unknown) => {
        if (error instanceof DomainError && error.code === AccessErrors['auth.second_factor_invalid']) {
          const user = await userOfChallenge(ctx, request.body.challenge);
          if (user) await recordSignInFailure(ctx, { actor: request.actor, email: user.email, ip: request.ip, what: 'totp' });
        }
        throw error;
      });
      return sessionAnswer(reply, result);
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
