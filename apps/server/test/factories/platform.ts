import type { TestApp } from '../harness.ts';
import { unique } from './common.ts';

/** A job that has failed its last attempt (Admin → Jobs retries it). */
export async function makeDeadJob(t: TestApp): Promise<number> {
  const now = t.clock.now();
  const { id } = await t.ctx.db
    .insertInto('jobs')
    .values({ name: 'matrix.noop', payload: '{}', status: 'dead', run_at: now, attempts: 1, max_attempts: 1, locked_by: null, locked_until: null, last_error: 'failed', unique_key: null, created_at: now, updated_at: now, finished_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** An unread in-app notification of a user. */
export async function makeNotification(t: TestApp, userId: number): Promise<number> {
  const { id } = await t.ctx.db
    .insertInto('notifications')
    .values({ user_id: userId, kind: 'ticket.assigned', ticket_id: null, data: '{}', dedupe_key: `factory:${unique()}`, created_at: t.clock.now(), read_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
