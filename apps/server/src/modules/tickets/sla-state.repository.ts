import { sql } from 'kysely';
import { dialectOf } from '../../platform/db/index.ts';
import type { Db } from '../../schema.ts';
import type { TicketWhere } from './filter/ticket-filter.repository.ts';
import { OPEN_STATUSES, STATUSES } from './lifecycle.ts';

const SLA_COLUMNS = [
  'sla_policy_id',
  'sla_first_response_due_at',
  'sla_next_response_due_at',
  'sla_resolution_due_at',
  'sla_due_at',
  'sla_next_event_at',
  'sla_elapsed_ms',
  'sla_paused_ms',
  'sla_first_response_breached',
  'sla_next_response_breached',
  'sla_resolution_breached',
  'sla_breached',
] as const;
export type SlaColumn = (typeof SLA_COLUMNS)[number];
export type SlaColumnValues = { [K in SlaColumn]: number | null };

/**
 * The tickets' SLA inputs and state, locked in id order for the rest of the transaction (PostgreSQL;
 * SQLite has one writer): two recomputes of one ticket — a ticket event and the sweep, in two
 * processes — run one after the other, so a change is written and told once. A reader that writes
 * nothing back (a penalty report) passes `lock: false` and waits for no recompute.
 */
export async function slaTicketRows(db: Db, ids: readonly number[], { lock = true }: { lock?: boolean } = {}) {
  if (ids.length === 0) return [];
  const q = db
    .selectFrom('tickets')
    .select(['id', 'status', 'priority', 'type', 'channel', 'category_id', 'organization_id', 'created_at', 'first_response_at', 'resolved_at', 'merged_into_id', 'escalation_level', 'assignee_group_id', 'assignee_agent_id', ...SLA_COLUMNS])
    .where('id', 'in', ids)
    .orderBy('id');
  return (lock ? dialectOf(db).forUpdate(q) : q).execute();
}

/**
 * Which of these tickets belong to an organisation and were created in [from, to): a plain read,
 * no lock (a contract's penalty report narrows a page of breaches to its own before their facts).
 */
export async function ticketIdsOfOrganizationCreated(db: Db, ids: readonly number[], organizationId: number, from: number, to: number): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('tickets').select('id').where('id', 'in', ids).where('organization_id', '=', organizationId).where('created_at', '>=', from).where('created_at', '<', to).execute();
  return rows.map((r) => r.id);
}

/** Status changes of the tickets, oldest first (history rows of the field `status`). */
export async function statusChangesOf(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('ticket_history').select(['ticket_id', 'new_value', 'created_at']).where('ticket_id', 'in', ids).where('field', '=', 'status').orderBy('ticket_id').orderBy('id').execute();
}

/** Public replies of the tickets (who wrote them and when), oldest first. */
export async function publicRepliesOf(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('articles')
    .select(['ticket_id', 'author_kind', 'created_at'])
    .where('ticket_id', 'in', ids)
    .where('kind', '=', 'reply')
    .where('internal', '=', 0)
    .orderBy('ticket_id')
    .orderBy('id')
    .execute();
}

const UPDATE_ROWS = 500;

/**
 * One statement setting every SLA column of up to 500 tickets: an UPDATE … FROM a VALUES list,
 * written the same way for both databases (SQLite ≥ 3.33 and PostgreSQL). The first row's casts
 * type the VALUES columns bigint (PostgreSQL resolves them as a UNION's; casting every value made
 * compiling the statement 3.6× slower). The `id in (select id from v)` makes SQLite look the
 * tickets up by primary key; without it, it scans the whole table and probes the list.
 */
export function slaColumnsUpdate(rows: ReadonlyArray<{ id: number; values: SlaColumnValues }>) {
  const columns = sql.join(SLA_COLUMNS.map((c) => sql.ref(c)));
  const assignments = sql.join(SLA_COLUMNS.map((c) => sql`${sql.ref(c)} = ${sql.ref(`v.${c}`)}`));
  const values = sql.join(rows.map((r, i) => {
    const row = [r.id, ...SLA_COLUMNS.map((c) => r.values[c])];
    return sql`(${sql.join(i === 0 ? row.map((v) => sql`cast(${v} as bigint)`) : row)})`;
  }));
  return sql`with v (id, ${columns}) as (values ${values}) update tickets set ${assignments} from v where tickets.id = v.id and tickets.id in (select id from v)`;
}

/** Sets every SLA column of many tickets, 500 a statement (13 parameters each: far below either database's limit). */
export async function updateSlaColumnsBulk(db: Db, rows: ReadonlyArray<{ id: number; values: SlaColumnValues }>): Promise<void> {
  for (let i = 0; i < rows.length; i += UPDATE_ROWS) await slaColumnsUpdate(rows.slice(i, i + UPDATE_ROWS)).execute(db);
}

/** Which of these tickets match a compiled filter (the SLA rules select policies with the filter language). */
export async function idsMatching(db: Db, where: TicketWhere, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('tickets').select('id').where('id', 'in', ids).where(where).execute();
  return new Set(rows.map((r) => r.id));
}

/** The statuses a ticket is not open in: resolved and closed. */
const NOT_OPEN = STATUSES.filter((s) => !OPEN_STATUSES.includes(s));

/**
 * Open (not merged) tickets after an id, in id order: the chunks of a recompute. Open is written as
 * "not resolved or closed" so that the planner walks the primary key from the cursor and stops at
 * the limit; `status in (open ones)` made SQLite read every open ticket through the status index
 * and sort them, ≈ 140 ms a chunk at 100,000 open (sla-recompute.indexes.db.test.ts).
 */
export function openTicketIdsAfterQuery(db: Db, afterId: number, limit: number, policyIds?: readonly number[]) {
  let q = db.selectFrom('tickets').select('id').where('id', '>', afterId).where('status', 'not in', NOT_OPEN).where('merged_into_id', 'is', null);
  if (policyIds) q = q.where('sla_policy_id', 'in', policyIds.length ? [...policyIds] : [0]);
  return q.orderBy('id').limit(limit);
}

export async function openTicketIdsAfter(db: Db, afterId: number, limit: number, policyIds?: readonly number[]): Promise<number[]> {
  return (await openTicketIdsAfterQuery(db, afterId, limit, policyIds).execute()).map((r) => r.id);
}

/**
 * Tickets whose next SLA event is due, earliest first, through the sweep's index (sla_next_event_at,
 * status). Open is "not resolved or closed" here too: `status in (open ones)` made SQLite read every
 * open ticket through a status index and sort them — 0.4 s a sweep at 340,000 tickets, every minute.
 */
export function ticketsWithSlaEventDueQuery(db: Db, now: number, limit: number) {
  return db.selectFrom('tickets').select('id').where('sla_next_event_at', '<=', now).where('status', 'not in', NOT_OPEN).orderBy('sla_next_event_at').limit(limit);
}

export async function ticketsWithSlaEventDue(db: Db, now: number, limit: number): Promise<number[]> {
  return (await ticketsWithSlaEventDueQuery(db, now, limit).execute()).map((r) => r.id);
}

/** Resolved tickets resolved before an instant, oldest first: the sweep's auto-close. */
export async function resolvedTicketsBefore(db: Db, before: number, limit: number): Promise<{ id: number; resolvedAt: number }[]> {
  const rows = await db.selectFrom('tickets').select(['id', 'resolved_at']).where('status', '=', 'resolved').where('resolved_at', '<', before).orderBy('resolved_at').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, resolvedAt: r.resolved_at! }));
}
