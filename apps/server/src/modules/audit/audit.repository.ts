import type { Db } from '../../schema.ts';

/** All SQL on `audit_log`. There is no update: entries are appended, and only the retention job deletes. */

export interface AuditRow {
  at: number;
  actorUserId: number | null;
  actorKind: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export async function insertAuditRow(db: Db, row: AuditRow): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: row.at,
      actor_user_id: row.actorUserId,
      actor_kind: row.actorKind,
      action: row.action,
      target_type: row.targetType,
      target_id: row.targetId,
      ip: row.ip,
      details: JSON.stringify(row.details),
    })
    .execute();
}

export interface AuditFilters {
  action?: string | undefined;
  actorUserId?: number | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  before?: number | undefined;
  limit: number;
}

/** Newest first; `action` ending in "." is a prefix (session. = every session action). */
export function listAuditRows(db: Db, f: AuditFilters) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(f.limit);
  if (f.action !== undefined) q = f.action.endsWith('.') ? q.where('action', 'like', `${f.action.replace(/[%_\\]/g, '')}%`) : q.where('action', '=', f.action);
  if (f.actorUserId !== undefined) q = q.where('actor_user_id', '=', f.actorUserId);
  if (f.targetType !== undefined) q = q.where('target_type', '=', f.targetType);
  if (f.targetId !== undefined) q = q.where('target_id', '=', f.targetId);
  if (f.from !== undefined) q = q.where('at', '>=', f.from);
  if (f.to !== undefined) q = q.where('at', '<', f.to);
  if (f.before !== undefined) q = q.where('id', '<', f.before);
  return q.execute();
}

/** Deletes up to `limit` entries older than `before`, oldest first. */
export async function deleteAuditRowsBefore(db: Db, before: number, limit: number): Promise<number> {
  const ids = db.selectFrom('audit_log').select('id').where('at', '<', before).orderBy('id').limit(limit);
  const res = await db.deleteFrom('audit_log').where('id', 'in', ids).executeTakeFirst();
  return Number(res.numDeletedRows);
}
