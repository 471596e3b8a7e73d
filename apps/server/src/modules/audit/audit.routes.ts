import { AuditPage, AuditQuery, ErrorEnvelope } from '@pishkhan/contracts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { assertAuditReader } from './audit.policy.ts';
import { listAuditRows } from './audit.repository.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };
const ms = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

/** `GET /api/v1/admin/audit`: admins read and filter; there is no route that writes or changes it. */
export function registerAuditRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/admin/audit',
    { schema: { tags: ['admin'], summary: 'The audit log, newest first, filtered (admins only; read-only)', querystring: AuditQuery, response: { 200: AuditPage, ...errors } } },
    async (request) => {
      assertAuditReader(request.actor);
      const q = request.query;
      const limit = q.limit ?? 50;
      const rows = await listAuditRows(ctx.db, { ...q, from: ms(q.from), to: ms(q.to), limit });
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: new Date(r.at).toISOString(),
          actorUserId: r.actor_user_id,
          actorKind: r.actor_kind,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          ip: r.ip,
          details: JSON.parse(r.details) as Record<string, unknown>,
        })),
        nextBefore: rows.length === limit ? rows[rows.length - 1]!.id : null,
      };
    },
  );
}
