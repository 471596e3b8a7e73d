import type { AdminJobsPage, AdminJobsQuery } from '@pishkhan/contracts';
import type { Actor } from '../../platform/actor.ts';
import { decodeCursor, pageOf } from '../../platform/http/cursor.ts';
import type { Db } from '../../schema.ts';
import { assertJobAdmin } from './admin-jobs.policy.ts';
import { listJobRows } from '../../platform/jobs/index.ts';
import { presentJob } from './admin-jobs.presenter.ts';
import { invalidInput } from '../../platform/http/input-issues.ts';

/** Jobs, newest first, optionally of one status (e.g. `dead` for the admin's attention). Admins only. */
export async function listJobsForAdmin(db: Db, actor: Actor, query: AdminJobsQuery): Promise<AdminJobsPage> {
  assertJobAdmin(actor);
  const limit = query.limit ?? 50;
  const [beforeId] = decodeCursor(query.cursor, 1) ?? [];
  if (beforeId !== undefined && typeof beforeId !== 'number') {
    throw invalidInput('cursor', 'cursor');
  }
  const rows = await listJobRows(db, { status: query.status, beforeId, limit: limit + 1 });
  const page = pageOf(rows, limit, (r) => [r.id]);
  return { items: page.items.map(presentJob), nextCursor: page.nextCursor };
}
