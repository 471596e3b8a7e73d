import type { Selectable } from 'kysely';
import { transactionMemo } from '../../platform/db/index.ts';
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

// ── email templates (admin-edited; the defaults live in templates/defaults.ts) ──────────────

export type TemplateRow = Selectable<NotificationTables['notification_templates']>;

export function listTemplateRows(db: Executor): Promise<TemplateRow[]> {
  return db.selectFrom('notification_templates').selectAll().orderBy('id').execute();
}

export function findTemplateRow(db: Executor, kind: string, language: string): Promise<TemplateRow | undefined> {
  return db.selectFrom('notification_templates').selectAll().where('kind', '=', kind).where('language', '=', language).executeTakeFirst();
}

/** Stored templates by `kind:language`, the table read once per transaction: a dispatch batch renders a mail per notification, and there are few stored edits. */
const templateMemo = transactionMemo<'all', ReadonlyMap<string, TemplateRow>>();

export async function storedTemplateOnce(db: Executor, kind: string, language: string): Promise<TemplateRow | undefined> {
  if (!db.isTransaction) return findTemplateRow(db, kind, language);
  const rows = await templateMemo.read(db, 'all', async () => new Map((await listTemplateRows(db)).map((r) => [`${r.kind}:${r.language}`, r])));
  return rows.get(`${kind}:${language}`);
}

/** Stores an edit at the version read (0 = the default was in use); undefined when someone else changed it first. */
export async function saveTemplate(
  db: Executor,
  input: { kind: string; language: string; subject: string; body: string; version: number; userId: number; now: number },
): Promise<TemplateRow | undefined> {
  templateMemo.written(db);
  const values = { subject: input.subject, body: input.body, updated_by_user_id: input.userId, updated_at: input.now };
  if (input.version === 0) {
    return db
      .insertInto('notification_templates')
      .values({ kind: input.kind, language: input.language, ...values, version: 1 })
      .onConflict((oc) => oc.columns(['kind', 'language']).doNothing())
      .returningAll()
      .executeTakeFirst();
  }
  return db
    .updateTable('notification_templates')
    .set({ ...values, version: input.version + 1 })
    .where('kind', '=', input.kind)
    .where('language', '=', input.language)
    .where('version', '=', input.version)
    .returningAll()
    .executeTakeFirst();
}

// ── per-user switches ──────────────────────────────────────────────────────────────────────

export function listPreferenceRows(db: Executor, userId: number) {
  return db.selectFrom('notification_preferences').select(['kind', 'channel', 'enabled']).where('user_id', '=', userId).execute();
}

/** The (user, channel) pairs that turned `kind` off, for a set of users, in one query: `${userId}:${channel}`. */
export async function switchedOff(db: Executor, userIds: readonly number[], kind: string): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['user_id', 'channel'])
    .where('user_id', 'in', [...new Set(userIds)])
    .where('kind', '=', kind)
    .where('enabled', '=', 0)
    .execute();
  return new Set(rows.map((r) => `${r.user_id}:${r.channel}`));
}

export async function savePreference(db: Executor, input: { userId: number; kind: string; channel: string; enabled: boolean; now: number }): Promise<void> {
  await db
    .insertInto('notification_preferences')
    .values({ user_id: input.userId, kind: input.kind, channel: input.channel, enabled: input.enabled ? 1 : 0, updated_at: input.now })
    .onConflict((oc) => oc.columns(['user_id', 'kind', 'channel']).doUpdateSet({ enabled: input.enabled ? 1 : 0, updated_at: input.now }))
    .execute();
}
