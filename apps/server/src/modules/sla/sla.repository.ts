import type { Insertable, Selectable, Updateable } from 'kysely';
import { dialectOf } from '../../platform/db/index.ts';
import { updateAtVersion } from '../../platform/db/versioned.ts';
import type { Executor } from '../../schema.ts';
import type { SlaTables } from './sla.tables.ts';

export type SlaPolicyRow = Selectable<SlaTables['sla_policies']>;
export type SlaRuleRow = Selectable<SlaTables['sla_rules']>;

export async function listPolicies(db: Executor): Promise<SlaPolicyRow[]> {
  return db.selectFrom('sla_policies').selectAll().orderBy('id').limit(1000).execute();
}

export async function findPolicy(db: Executor, id: number): Promise<SlaPolicyRow | undefined> {
  return db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPolicyForUpdate(db: Executor, id: number): Promise<SlaPolicyRow | undefined> {
  return dialectOf(db).forUpdate(db.selectFrom('sla_policies').selectAll().where('id', '=', id)).executeTakeFirst();
}

export async function findDefaultPolicy(db: Executor): Promise<SlaPolicyRow | undefined> {
  return db.selectFrom('sla_policies').selectAll().where('default_key', '=', 'default').executeTakeFirst();
}

export async function insertPolicy(db: Executor, row: Insertable<SlaTables['sla_policies']>): Promise<SlaPolicyRow> {
  return db.insertInto('sla_policies').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatePolicyAtVersion(db: Executor, id: number, version: number, set: Updateable<SlaTables['sla_policies']>): Promise<SlaPolicyRow> {
  return updateAtVersion(db, 'sla_policies', id, version, set);
}

/** The default moves: the old default stops being one (before the new one takes the unique key). */
export async function clearDefaultPolicy(db: Executor): Promise<void> {
  await db.updateTable('sla_policies').set({ default_key: null }).where('default_key', '=', 'default').execute();
}

export async function listRules(db: Executor): Promise<SlaRuleRow[]> {
  return db.selectFrom('sla_rules').selectAll().orderBy('position').orderBy('id').limit(1000).execute();
}

export async function findRuleForUpdate(db: Executor, id: number): Promise<SlaRuleRow | undefined> {
  return dialectOf(db).forUpdate(db.selectFrom('sla_rules').selectAll().where('id', '=', id)).executeTakeFirst();
}

export async function insertRule(db: Executor, row: Insertable<SlaTables['sla_rules']>): Promise<SlaRuleRow> {
  return db.insertInto('sla_rules').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateRuleAtVersion(db: Executor, id: number, version: number, set: Updateable<SlaTables['sla_rules']>): Promise<SlaRuleRow> {
  return updateAtVersion(db, 'sla_rules', id, version, set);
}

export async function deleteRuleRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('sla_rules').where('id', '=', id).execute();
}

/** The policies that run on a calendar (calendars asks before a delete). */
export async function policiesOnCalendar(db: Executor, calendarId: number): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('sla_policies').select(['id', 'name']).where('calendar_id', '=', calendarId).orderBy('id').limit(100).execute();
}

export async function policyIdsOfCalendar(db: Executor, calendarId: number): Promise<number[]> {
  return (await db.selectFrom('sla_policies').select('id').where('calendar_id', '=', calendarId).execute()).map((r) => r.id);
}

/**
 * Records one (ticket, target, level) action under its unique key; false when it was already
 * recorded (by this sweep's earlier run or by another process), so its effects happen once.
 */
export async function claimAction(db: Executor, row: Insertable<SlaTables['sla_actions']>): Promise<boolean> {
  const inserted = await db.insertInto('sla_actions').values(row).onConflict((oc) => oc.column('action_key').doNothing()).returning('id').executeTakeFirst();
  return inserted !== undefined;
}

/** Records actions known to be new (an import's settled past: its tickets are new), 1,000 rows a statement. */
export async function insertActionsBulk(db: Executor, rows: ReadonlyArray<Insertable<SlaTables['sla_actions']>>): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('sla_actions').values(rows.slice(i, i + 1000)).execute();
}

/** The action keys already claimed for these tickets (index sla_actions_ticket). */
export async function claimedActionKeys(db: Executor, ticketIds: readonly number[]): Promise<Set<string>> {
  if (ticketIds.length === 0) return new Set();
  const rows = await db.selectFrom('sla_actions').select('action_key').where('ticket_id', 'in', ticketIds).execute();
  return new Set(rows.map((r) => r.action_key));
}

export async function actionsOfTicket(db: Executor, ticketId: number) {
  return db.selectFrom('sla_actions').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
}

/** Where a walk of the breach actions stopped: the last one read, in (due_at, id) order. */
export interface BreachCursor {
  dueAt: number;
  id: number;
}

/**
 * One page of the breach actions due in [from, to), in (due_at, id) order, after the cursor
 * (index sla_actions_level_due: level, due_at, id). The cursor's due_at is also a plain lower
 * bound, so both databases seek to it instead of filtering from `from`; ties on due_at go on by id.
 */
export function breachActionsPageQuery(db: Executor, from: number, to: number, after: BreachCursor | null, limit: number) {
  let q = db
    .selectFrom('sla_actions')
    .select(['id', 'ticket_id', 'target', 'due_at', 'action_key'])
    .where('level', '=', 'breach')
    .where('due_at', '>=', after ? Math.max(from, after.dueAt) : from)
    .where('due_at', '<', to);
  if (after) q = q.where((eb) => eb.or([eb('due_at', '>', after.dueAt), eb('id', '>', after.id)]));
  return q.orderBy('due_at').orderBy('id').limit(limit);
}

export async function breachActionsPage(db: Executor, from: number, to: number, after: BreachCursor | null, limit: number) {
  return breachActionsPageQuery(db, from, to, after, limit).execute();
}
