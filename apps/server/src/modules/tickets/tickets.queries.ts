import type { TicketFilter, TicketFilterCondition, TicketFilterOp, TicketListQuery } from '@pishkhan/contracts';
import { parseTicketNumber } from '@pishkhan/text';
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { decodeCursor, pageOf } from '../../platform/http/cursor.ts';
import { ticketSettings } from './tickets.settings.ts';
import type { Db } from '../../schema.ts';
import { userEmails } from '../access/index.ts';
import { contactNames, namesOfUsers, organizationNames } from '../people/index.ts';
import { STATUSES } from './lifecycle.ts';
import { parseTicketFilter } from './filter/check.ts';
import { ticketFilterFields, type TicketFilterFields } from './filter/fields.ts';
import { compileTicketFilter } from './filter/ticket-filter.repository.ts';
import { accessFactsOfTickets, loadTicketAccess, tagsOfTickets, type TicketRow } from './tickets.repository.ts';
import type { TicketAccess } from './tickets.policy.ts';
import { countTicketsUpTo, NULLABLE_SORTS, selectHistoryPage, selectTicketPage, TICKET_SORT_COLUMNS, ticketNumbersOf, type TicketSortKey } from './ticket-lists.repository.ts';
import { invalidInput } from '../../platform/http/input-issues.ts';
import type { Language } from '../../platform/http/language.ts';
import { historyLabels } from './history-labels.ts';

/** Reads of tickets for the API: one ticket with what its presenter needs, pages of tickets (through the filter language), history. The SQL is in the repositories. */

type Ticket = NonNullable<TicketRow>;
export interface Named {
  id: number;
  name: string;
}

/** What the presenter shows besides the ticket row, loaded for a whole page at once (no N+1). */
export interface TicketRelated {
  prefix: string;
  tags: Map<number, string[]>;
  contacts: Map<number, Named>;
  organizations: Map<number, Named>;
  tickets: Map<number, { id: number; number: number }>;
  /** Each ticket's policy facts, so that a list shows desk-internal fields by the same rule (seesInternal) as a read. */
  access: ReadonlyMap<number, TicketAccess>;
}

export function numberPrefix(db: Db): Promise<string> {
  return ticketSettings.getCached(db, 'tickets.number_prefix');
}

/**
 * Requesters, organisations, merge targets, tags and policy facts of the given tickets: one query
 * each. A caller that already holds the policy facts (one ticket just read or written) passes them.
 */
export async function loadRelated(db: Db, rows: readonly Ticket[], knownAccess?: ReadonlyMap<number, TicketAccess>): Promise<TicketRelated> {
  const ids = (pick: (t: Ticket) => number | null) => [...new Set(rows.map(pick).filter((v): v is number => v !== null))];
  const contactIds = ids((t) => t.requester_contact_id);
  const orgIds = ids((t) => t.organization_id);
  const mergedIds = ids((t) => t.merged_into_id);
  const [prefix, tags, contacts, organizations, merged, access] = await Promise.all([
    numberPrefix(db),
    tagsOfTickets(
      db,
      rows.map((t) => t.id),
    ),
    contactNames(db, contactIds),
    organizationNames(db, orgIds),
    ticketNumbersOf(db, mergedIds),
    knownAccess ?? accessFactsOfTickets(db, rows),
  ]);
  const tagMap = new Map<number, string[]>();
  for (const t of tags) tagMap.set(t.ticket_id, [...(tagMap.get(t.ticket_id) ?? []), t.tag]);
  return {
    prefix,
    tags: tagMap,
    contacts: new Map([...contacts].map(([id, name]) => [id, { id, name }])),
    organizations: new Map([...organizations].map(([id, name]) => [id, { id, name }])),
    tickets: new Map(merged.map((m) => [m.id, m])),
    access,
  };
}

/** One ticket with its policy facts and presentation data; undefined when it does not exist. */
export async function loadTicketView(db: Db, id: number) {
  const access = await loadTicketAccess(db, id);
  if (!access) return undefined;
  return { access, related: await loadRelated(db, [access.row], new Map([[access.id, access]])) };
}

// ---- lists ----

export type TicketSort = TicketSortKey | `-${TicketSortKey}`;

export interface TicketPageRequest {
  sort?: TicketSort | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
  /** A plan hint (queue views, queues.ts `walkSortIndex`): walk the sort index and stop at the page. */
  walkSortIndex?: boolean | undefined;
}

/** What a list needs besides the filter: the database, and the clock that relative times count from. */
export interface TicketListContext {
  db: Db;
  clock: Clock;
}

const TYPES_READ = ticketFilterFields.type!.values!;

/**
 * The parameters of GET /tickets as filters of the language, AND-ed: the parameters as one
 * (each one condition), and the `filter` parameter (JSON) on its own, so that it has the whole
 * depth and condition limits to itself. 400 on unknown values, naming the parameter.
 * `numberPrefix` (`tickets.number_prefix`) is accepted before the `number` parameter's digits.
 */
export function ticketFilters(q: Omit<TicketListQuery, 'limit' | 'cursor' | 'sort'>, fields: TicketFilterFields = ticketFilterFields, numberPrefix = '#'): TicketFilter[] {
  const all: TicketFilter[] = [];
  const cond = (field: string, op: TicketFilterOp, value?: TicketFilterCondition['value']) => all.push(value === undefined ? { field, op } : { field, op, value });
  const statuses = commaList(q.status, 'status', STATUSES as readonly string[]);
  const types = commaList(q.type, 'type', TYPES_READ);
  if (statuses) cond('status', 'in', statuses);
  if (types) cond('type', 'in', types);
  if (q.priority !== undefined) cond('priority', 'in', [...new Set(q.priority.split(',').map(Number))]);
  if (q.groupId !== undefined) cond('group', 'eq', q.groupId);
  if (q.assigneeAgentId === 'none') cond('assignee', 'is_null');
  else if (q.assigneeAgentId !== undefined) cond('assignee', 'eq', Number(q.assigneeAgentId));
  if (q.ownerAgentId !== undefined) cond('owner_agent', 'eq', q.ownerAgentId);
  if (q.ownerGroupId !== undefined) cond('owner_group', 'eq', q.ownerGroupId);
  if (q.requesterContactId !== undefined) cond('requester', 'eq', q.requesterContactId);
  if (q.organizationId !== undefined) cond('organization', 'eq', q.organizationId);
  if (q.channel !== undefined) cond('channel', 'eq', q.channel);
  if (q.categoryId !== undefined) cond('category', 'eq', q.categoryId);
  if (q.tag !== undefined) cond('tag', 'eq', q.tag);
  if (q.createdFrom !== undefined) cond('created_at', 'gte', instant(q.createdFrom, 'createdFrom'));
  if (q.createdTo !== undefined) cond('created_at', 'lt', instant(q.createdTo, 'createdTo'));
  if (q.updatedFrom !== undefined) cond('updated_at', 'gte', instant(q.updatedFrom, 'updatedFrom'));
  if (q.updatedTo !== undefined) cond('updated_at', 'lt', instant(q.updatedTo, 'updatedTo'));
  if (q.number !== undefined) cond('number', 'eq', ticketNumber(q.number, numberPrefix));
  return q.filter === undefined ? [{ all }] : [{ all }, parseTicketFilter(q.filter, fields)];
}

/**
 * One page of the tickets the actor may see that match `filter` (or every filter of a list;
 * compileTicketFilter: always
 * within visibleTickets), in a stable keyset order: (sort column, id), both in the sort's
 * direction. The cursor carries the sort it was made for, so a cursor from another sort is
 * refused (400) instead of misleading.
 */
export async function listTickets(ctx: TicketListContext, actor: Actor, filter: TicketFilter | readonly TicketFilter[], page: TicketPageRequest, fields: TicketFilterFields = ticketFilterFields) {
  const sort = page.sort ?? '-updated_at';
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as TicketSortKey;
  const limit = page.limit ?? 50;
  const where = compileTicketFilter(filter, { actor, now: ctx.clock.now() }, fields);
  const cursor = decodeCursor(page.cursor, 3);
  let after: { value: number | null; id: number } | undefined;
  if (cursor) {
    const [cursorSort, value, id] = cursor;
    const valueOk = typeof value === 'number' || (value === null && NULLABLE_SORTS.has(key));
    if (cursorSort !== sort || !valueOk || typeof id !== 'number') throw invalidInput('cursor', 'cursor');
    after = { value, id };
  }
  const rows = await selectTicketPage(ctx.db, where, { key, direction: desc ? 'desc' : 'asc', after, walkSortIndex: page.walkSortIndex }, limit + 1);
  const field = TICKET_SORT_COLUMNS[key].slice('tickets.'.length) as 'created_at' | 'updated_at' | 'priority' | 'number' | 'sla_due_at';
  return pageOf(rows, limit, (t) => [sort, t[field], t.id]);
}

/**
 * How many of the actor's visible tickets match `filter` (queue counts), exactly up to `cap`;
 * past it `{ count: cap, capped: true }` — "at least `cap`" (ADR 0027).
 */
export async function countTickets(ctx: TicketListContext, actor: Actor, filter: TicketFilter, cap: number, fields: TicketFilterFields = ticketFilterFields): Promise<{ count: number; capped: boolean }> {
  const n = await countTicketsUpTo(ctx.db, compileTicketFilter(filter, { actor, now: ctx.clock.now() }, fields), cap + 1);
  return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
}

// ---- history ----

/** One page of a ticket's history, oldest first, with each actor's display name (names and emails: one query per relation). */
export async function ticketHistory(
  db: Db,
  ticketId: number,
  page: { cursor?: string | undefined; limit?: number | undefined },
  reader: { actor: Actor; language: Language },
) {
  const limit = page.limit ?? 50;
  const cursor = decodeCursor(page.cursor, 1);
  let afterId: number | undefined;
  if (cursor) {
    const [id] = cursor;
    if (typeof id !== 'number') throw invalidInput('cursor', 'cursor');
    afterId = id;
  }
  const rows = await selectHistoryPage(db, ticketId, afterId, limit + 1);
  const { items, nextCursor } = pageOf(rows, limit, (r) => [r.id]);
  const userIds = [...new Set(items.map((r) => r.actor_user_id).filter((v): v is number => v !== null))];
  const [people, emails, labels] = await Promise.all([namesOfUsers(db, userIds), userEmails(db, userIds), historyLabels(db, reader, items)]);
  const nameOf = (userId: number) => people.get(userId)?.agentName ?? people.get(userId)?.contactName ?? emails.get(userId) ?? '';
  return {
    items: items.map((r) => ({
      ...r,
      actor_name: r.actor_user_id !== null ? nameOf(r.actor_user_id) : (r.actor_system ?? ''),
      old_label: labels.get(r.id)?.old ?? null,
      new_label: labels.get(r.id)?.new ?? null,
    })),
    nextCursor,
  };
}

/** A time parameter as the ISO instant the filter language takes (the schema checked its format). */
function instant(value: string, field: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidInput(field, 'not_a_time');
  return new Date(ms).toISOString();
}

/** The `number` parameter: digits in any script, `#` or the configured prefix first (packages/text `parseTicketNumber`). */
function ticketNumber(value: string, prefix: string): number {
  const n = parseTicketNumber(value, { prefix });
  if (n === null) throw invalidInput('number', 'ticket_number');
  return n;
}

function commaList(value: string | undefined, field: string, allowed: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined;
  const items = [...new Set(value.split(','))];
  const unknown = items.find((v) => !allowed.includes(v));
  if (unknown !== undefined) throw invalidInput(field, 'enum', { allowedValues: allowed });
  return items;
}

