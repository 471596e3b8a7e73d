import { Type } from 'typebox';
import { ErrorEnvelope, IdParams } from '@pishkhan/contracts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { hasRole } from '../../platform/actor.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { requireUser } from '../../platform/policy/index.ts';
import { revokeSession } from './commands/revoke-session.ts';
import { unlockUser } from './commands/unlock-user.ts';
import { listSessionsOfUser } from './sessions.repository.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };
const tags = ['session'];

const SessionItem = Type.Object({
  id: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean(),
});

const present = (currentId: number | undefined) => (s: { id: number; created_at: number; last_seen_at: number; expires_at: number; ip: string | null; user_agent: string | null }) => ({
  id: s.id,
  createdAt: new Date(s.created_at).toISOString(),
  lastSeenAt: new Date(s.last_seen_at).toISOString(),
  expiresAt: new Date(s.expires_at).toISOString(),
  ip: s.ip,
  userAgent: s.user_agent,
  current: s.id === currentId,
});

/** Your sessions (list, revoke); an admin's view of anyone's, their revocation, and the unlock of a locked sign-in. */
export function registerSessionAdminRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/me/sessions',
    { schema: { tags, summary: 'Where you are signed in', response: { 200: Type.Object({ items: Type.Array(SessionItem) }), ...errors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      return { items: (await listSessionsOfUser(ctx.db, actor.userId, ctx.clock.now())).map(present(actor.sessionId)) };
    },
  );
  app.delete(
    '/api/v1/sessions/:id',
    { schema: { tags, summary: 'End a session: one of yours, or anyone’s for an admin', params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await revokeSession(ctx, { actor: request.actor, id: request.params.id });
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/admin/users/:id/sessions',
    { schema: { tags: ['admin'], summary: 'A sign-in’s sessions (admins)', params: IdParams, response: { 200: Type.Object({ items: Type.Array(SessionItem) }), ...errors } } },
    async (request) => {
      if (!hasRole(request.actor, 'admin')) throw forbidden('sessions.read');
      return { items: (await listSessionsOfUser(ctx.db, request.params.id, ctx.clock.now())).map(present(undefined)) };
    },
  );
  app.post(
    '/api/v1/admin/users/:id/unlock',
    { schema: { tags: ['admin'], summary: 'End a sign-in’s temporary lock after failed attempts (admins; audited)', params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await unlockUser(ctx, { actor: request.actor, userId: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
