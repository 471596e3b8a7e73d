import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { registerSessionRoutes } from './session.routes.ts';
import { authenticateRequest, deleteExpiredSessions, type SessionDeps } from './sessions.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/actor.ts';

export { hashPassword, verifyPassword } from './passwords.ts';
export { insertUser, findUserByEmail, userEmails, userLocales, activeUserIds } from './users.repository.ts';
export { AccessErrors } from './access.errors.ts';
export { SESSION_COOKIE, CSRF_HEADER } from './sessions.ts';

function sessionDeps(ctx: AppContext): SessionDeps {
  return { db: ctx.db, clock: ctx.clock, secret: ctx.secret, secureCookies: ctx.config.secureCookies, actorSides: ctx.actorSides };
}

export function createAuthenticator(ctx: AppContext): (request: FastifyRequest, reply: FastifyReply) => Promise<Actor> {
  const deps = sessionDeps(ctx);
  return (request, reply) => authenticateRequest(deps, request, reply);
}

export const EXPIRED_SESSIONS_JOB = 'access.delete_expired_sessions';

export function registerAccess(app: App, ctx: AppContext): void {
  ctx.jobs.define({ name: EXPIRED_SESSIONS_JOB, handler: async ({ trx }) => void (await deleteExpiredSessions(trx, ctx.clock.now())) });
  ctx.jobs.schedule({ name: EXPIRED_SESSIONS_JOB, job: EXPIRED_SESSIONS_JOB, everyMs: 24 * 3600_000 });
  registerSessionRoutes(app, ctx, sessionDeps(ctx));
}
