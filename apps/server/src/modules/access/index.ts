import type { App } from '../../platform/http/server.ts';
import { defineJob, type AppContext } from '../../context.ts';
import type { Db } from '../../schema.ts';
import { registerSessionRoutes } from './session.routes.ts';
import { registerLinkRoutes } from './links.routes.ts';
import { registerSignUpRoutes } from './sign-up.routes.ts';
import { registerTokenRoutes } from './tokens.routes.ts';
import { registerSessionAdminRoutes } from './sessions.routes.ts';
import { registerTotpRoutes } from './totp.routes.ts';
import { accessSettings } from './access.settings.ts';
import { authenticateRequest, csrfTokenFor, setSessionCookie, type SessionDeps } from './sessions.ts';
import { presentMe } from './access.presenter.ts';
import { deleteExpiredSessions } from './commands/delete-expired-sessions.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/actor.ts';
import type { Contribution } from '../../platform/modules.ts';
import { actorFromUser, actorOfUser } from './actor-loader.ts';
import { findSignInRow } from './users.repository.ts';
import { ActorCache } from './actor-cache.ts';

export { hashPassword, verifyPassword } from './passwords.ts';
export { insertUser, findUserByEmail, userEmails, userLocales, activeUserIds } from './users.repository.ts';
export { AccessErrors } from './access.errors.ts';
export { SESSION_COOKIE, CSRF_HEADER } from './sessions.ts';
export { portalInvitationLink, userInvitationLink } from './invitations.ts';
export { ticketMagicLink, TICKET_LINK_COOKIE } from './ticket-links.ts';
export { LINK_TTL_MS, LINK_SEAL_CONTEXT, type IssuedLink } from './links.ts';
export { revokeTicketLinksOfContacts } from './ticket-links.repository.ts';
export { revokeApiTokensOfUser } from './tokens.repository.ts';
export { revokeSignIn, changeSignIn } from './sign-in-state.ts';
export { rateLimitStore, PUBLIC_RATE_LIMIT, PORTAL_SUBMISSION_RATE_LIMIT } from './rate-limit-store.ts';
export { assertAcceptablePassword, passwordProblem, MIN_PASSWORD_LENGTH } from './password-rules.ts';
export { openExternalSession } from './external-sessions.ts';
export { recordSignInFailure } from './commands/record-sign-in-failure.ts';
export { assertMayAttempt, accountKey, ipKey } from './brute-force.ts';
export { accessSettings } from './access.settings.ts';
export { INITIAL_PASSWORD_FILE, writeInitialPasswordFile, removeInitialPasswordFile } from './initial-password.ts';

// One set of session dependencies per app (the authenticator and the sign-out route share its actor cache).
const depsOfApp = new WeakMap<AppContext, SessionDeps>();

function sessionDeps(ctx: AppContext): SessionDeps {
  let deps = depsOfApp.get(ctx);
  if (!deps) {
    deps = { db: ctx.db, clock: ctx.clock, secret: ctx.secret, secureCookies: ctx.config.secureCookies, actorSides: ctx.actorSides, resolveActor: ctx.resolveActor, actorCache: new ActorCache(ctx.config.actorCacheMs ?? 0) };
    depsOfApp.set(ctx, deps);
  }
  return deps;
}

/**
 * For a sign-in another module proved (single sign-on): sets the session cookie of `token` on the
 * reply and returns what `POST /api/v1/session` answers (the signed-in user and the CSRF token).
 */
export async function answerExternalSession(ctx: AppContext, reply: FastifyReply, session: { userId: number; sessionId: number; token: string }) {
  const deps = sessionDeps(ctx);
  setSessionCookie(deps, reply, session.token);
  const user = await findSignInRow(ctx.db, session.userId);
  const actor = user ? await actorFromUser(ctx.db, ctx.actorSides, user, 'session', session.sessionId) : null;
  // The caller checked the sign-in's sides in the unit of work that opened the session.
  if (!actor) throw new Error(`user ${session.userId} has no active side`);
  return { me: presentMe(actor), csrfToken: csrfTokenFor(deps.secret, session.token) };
}

export function createAuthenticator(ctx: AppContext): (request: FastifyRequest, reply: FastifyReply) => Promise<Actor> {
  const deps = sessionDeps(ctx);
  return (request, reply) => authenticateRequest(deps, request, reply);
}

/**
 * The actor of a user by id as it is now, with the sides injected by app.ts: the job runner's
 * `loadActor` (a job enqueued for a user runs as that user, roles read at run time).
 */
export function jobActorLoader(ctx: Pick<AppContext, 'actorSides'>): (db: Db, userId: number) => Promise<Actor | null> {
  return (db, userId) => actorOfUser(db, ctx.actorSides, userId);
}

export const EXPIRED_SESSIONS_JOB = 'access.delete_expired_sessions';

/** Registers the session routes; contributes the daily sweep of expired sessions. */
export function registerAccess(app: App, ctx: AppContext): Contribution<AppContext> {
  registerSessionRoutes(app, ctx, sessionDeps(ctx));
  registerLinkRoutes(app, ctx, sessionDeps(ctx));
  registerSignUpRoutes(app, ctx, sessionDeps(ctx));
  registerTokenRoutes(app, ctx);
  registerSessionAdminRoutes(app, ctx);
  registerTotpRoutes(app, ctx, sessionDeps(ctx));
  return {
    module: 'access',
    settings: [accessSettings],
    jobs: [defineJob(EXPIRED_SESSIONS_JOB, { handler: async ({ trx, actor }) => void (await deleteExpiredSessions({ ...ctx, db: trx }, { actor })) })],
    schedules: [{ name: EXPIRED_SESSIONS_JOB, job: EXPIRED_SESSIONS_JOB, everyMs: 24 * 3600_000 }],
  };
}
export { resealTotpSecrets } from './totp.ts';
