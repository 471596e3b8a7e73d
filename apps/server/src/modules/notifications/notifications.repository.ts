import type { Selectable } from 'kysely';
import type { Executor } from '../../schema.ts';
import type { NotificationTables } from './notifications.tables.ts';

/** All SQL of the notifications module (its own table only; recipients and ticket facts come from people, access and tickets). */
export type NotificationRow = Selectable<NotificationTables['notifications']>;

export async function insertNotification(
  db: Executor,
  row: { user_id: number; kind: string; ticket_id: number | null; data: string; dedupe_key: string; created_at: number },
): Promise<void> {
  await db
    .insertInto('notifications')
    .values({ ...row, read_at: null })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** One user's notifications, newest first, keyset-paged by id. */
export async function listUserNotifications(
  db: Executor,
  input: { userId: number; unreadOnly: boolean; beforeId: number | undefined; limit: number },
): Promise<NotificationRow[]> {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', input.userId);
  if (input.unreadOnly) q = q.where('read_at', 'is', null);
  if (input.beforeId !== undefined) q = q.where('id', '<', input.beforeId);
  return q.orderBy('id', 'desc').limit(input.limit).execute();
}

export async function countUnread(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findNotification(db: Executor, id: number): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Sets read_at once and returns the row; undefined when it was read already (its first read time stays). */
export function markNotificationRead(db: Executor, input: { id: number; userId: number; now: number }): Promise<NotificationRow | undefined> {
  return db
    .updateTable('notifications')
    .set({ read_at: input.now })
    .where('id', '=', input.id)
    .where('user_id', '=', input.userId)
    .where('read_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function markAllNotificationsRead(db: Executor, input: { userId: number; now: number }): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: input.now })
    .where('user_id', '=', input.userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
