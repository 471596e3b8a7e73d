import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { TicketListQuery } from '@pishkhan/contracts';
import type { Actor } from '../../platform/actor.ts';
import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import { decodeCursor, pageOf } from '../../platform/http/cursor.ts';
import { ticketSettings } from './tickets.settings.ts';
import type { DB, Db } from '../../schema.ts';
import { userEmails } from '../access/index.ts';
import { contactNames, namesOfUsers, organizationNames } from '../people/index.ts';
import { normalizeTag } from './ticket-fields.ts';
import { STATUSES } from './lifecycle.ts';
import { visibleTickets } from './tickets.policy.ts';
import { loadTicketAccess, tagsOfTickets, type TicketRow } from './tickets.repository.ts';

/** Reads of tickets for the API: one ticket with what its presenter needs, pages of tickets, history. */

type Ticket = NonNullable<TicketRow>;
export type TicketWhere = (eb: ExpressionBuilder<DB, 'tickets'>) => Expression<SqlBool>;
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
}

export function numberPrefix(db: Db): Promise<string> {
  return ticketSettings.getCached(db, 'tickets.number_prefix');
}

/** Requesters, organisations, merge targets and tags of the given tickets: one query each. */
export async function loadRelated(db: Db, rows: readonly Ticket[]): Promise<TicketRelated> {
  const ids = (pick: (t: Ticket) => number | null) => [...new Set(rows.map(pick).filter((v): v is number => v !== null))];
  const contactIds = ids((t) => t.requester_contact_id);
  const orgIds = ids((t) => t.organization_id);
  const mergedIds = ids((t) => t.merged_into_id);
  const [prefix, tags, contacts, organizations, merged] = await Promise.all([
    numberPrefix(db),
    tagsOfTickets(
      db,
      rows.map((t) => t.id),
    ),
    contactNames(db, contactIds),
    organizationNames(db, orgIds),
    mergedIds.length ? db.selectFrom('tickets').select(['id', 'number']).where('id', 'in', mergedIds).execute() : [],
  ]);
  const tagMap = new Map<number, string[]>();
  for (const t of tags) tagMap.set(t.ticket_id, [...(tagMap.get(t.ticket_id) ?? []), t.tag]);
  return {
    prefix,
    tags: tagMap,
    contacts: new Map([...contacts].map(([id, name]) => [id, { id, name }])),
    organizations: new Map([...organizations].map(([id, name]) => [id, { id, name }])),
    tickets: new Map(merged.map((m) => [m.id, m])),
  };
}

/** One ticket with its policy facts and presentation data; undefined when it does not exist. */
export async function loadTicketView(db: Db, id: number) {
  const access = await loadTicketAccess(db, id);
  if (!access) return undefined;
  return { access, related: await loadRelated(db, [access.row]) };
}

// ---- lists ----

const SORT_COLUMNS = {
  created_at: 'tickets.created_at',
  updated_at: 'tickets.updated_at',
  priority: 'tickets.priority',
  number: 'tickets.number',
} as const;
type SortKey = keyof typeof SORT_COLUMNS;
export type TicketSort = SortKey | `-${SortKey}`;

export interface TicketPageRequest {
  sort?: TicketSort | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

const TYPES_READ = ['incident', 'service_request', 'problem', 'change'];

/** The list filters of GET /tickets as one where-callback (AND of what was given). 400 on unknown values. */
export function ticketFilters(q: Omit<TicketListQuery, 'limit' | 'cursor' | 'sort'>): TicketWhere {
  const statuses = commaList(q.status, 'status', STATUSES as readonly string[]);
  const types = commaList(q.type, 'type', TYPES_READ);
  const priorities = q.priority?.split(',').map(Number);
  const time = (v: string | undefined, field: string) => {
    if (v === undefined) return undefined;
    const ms = Date.parse(v);
    if (Number.isNaN(ms)) throw invalid(`${field} is not a time`, field);
    return ms;
  };
  const createdFrom = time(q.createdFrom, 'createdFrom');
  const createdTo = time(q.createdTo, 'createdTo');
  const updatedFrom = time(q.updatedFrom, 'updatedFrom');
  const updatedTo = time(q.updatedTo, 'updatedTo');
  return (eb) => {
    const and: Expression<SqlBool>[] = [];
    if (statuses) and.push(eb('tickets.status', 'in', statuses));
    if (types) and.push(eb('tickets.type', 'in', types));
    if (priorities) and.push(eb('tickets.priority', 'in', priorities));
    if (q.groupId !== undefined) and.push(eb('tickets.assignee_group_id', '=', q.groupId));
    if (q.assigneeAgentId === 'none') and.push(eb('tickets.assignee_agent_id', 'is', null));
    else if (q.assigneeAgentId !== undefined) and.push(eb('tickets.assignee_agent_id', '=', Number(q.assigneeAgentId)));
    if (q.ownerAgentId !== undefined) and.push(eb('tickets.owner_agent_id', '=', q.ownerAgentId));
    if (q.ownerGroupId !== undefined) and.push(eb('tickets.owner_group_id', '=', q.ownerGroupId));
    if (q.requesterContactId !== undefined) and.push(eb('tickets.requester_contact_id', '=', q.requesterContactId));
    if (q.organizationId !== undefined) and.push(eb('tickets.organization_id', '=', q.organizationId));
    if (q.channel !== undefined) and.push(eb('tickets.channel', '=', q.channel));
    if (q.categoryId !== undefined) and.push(eb('tickets.category_id', '=', q.categoryId));
    if (q.tag !== undefined) {
      const tag = normalizeTag(q.tag);
      and.push(eb('tickets.id', 'in', eb.selectFrom('ticket_tags').select('ticket_tags.ticket_id').where('ticket_tags.tag_normalized', '=', tag)));
    }
    if (createdFrom !== undefined) and.push(eb('tickets.created_at', '>=', createdFrom));
    if (createdTo !== undefined) and.push(eb('tickets.created_at', '<', createdTo));
    if (updatedFrom !== undefined) and.push(eb('tickets.updated_at', '>=', updatedFrom));
    if (updatedTo !== undefined) and.push(eb('tickets.updated_at', '<', updatedTo));
    return eb.and(and);
  };
}

/**
 * One page of the tickets the actor may see (visibleTickets, always), narrowed by `where`, in a
 * stable keyset order: (sort column, id), both in the sort's direction. The cursor carries the
 * sort it was made for, so a cursor from another sort is refused (400) instead of misleading.
 */
export async function listTickets(db: Db, actor: Actor, where: TicketWhere, page: TicketPageRequest) {
  const sort = page.sort ?? '-updated_at';
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as SortKey;
  const column = SORT_COLUMNS[key];
  const limit = page.limit ?? 50;
  let q = db.selectFrom('tickets').selectAll('tickets').where(visibleTickets(actor)).where(where);
  const cursor = decodeCursor(page.cursor, 3);
  if (cursor) {
    const [cursorSort, value, id] = cursor;
    if (cursorSort !== sort || typeof value !== 'number' || typeof id !== 'number') throw invalid('cursor does not belong to this sort', 'cursor');
    const cmp = desc ? '<' : '>';
    q = q.where((eb) => eb.or([eb(column, cmp, value), eb.and([eb(column, '=', value), eb('tickets.id', cmp, id)])]));
  }
  const direction = desc ? 'desc' : 'asc';
  const rows = await q.orderBy(column, direction).orderBy('tickets.id', direction).limit(limit + 1).execute();
  return pageOf(rows, limit, (t) => [sort, t[key], t.id]);
}

/** How many of the actor's visible tickets match `where` (queue counts). */
export async function countTickets(db: Db, actor: Actor, where: TicketWhere): Promise<number> {
  const row = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where(visibleTickets(actor))
    .where(where)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- history ----

/** One page of a ticket's history, oldest first, with each actor's display name (names and emails: one query per relation). */
export async function ticketHistory(db: Db, ticketId: number, page: { cursor?: string | undefined; limit?: number | undefined }) {
  const limit = page.limit ?? 50;
  const cursor = decodeCursor(page.cursor, 1);
  let q = db.selectFrom('ticket_history').selectAll().where('ticket_id', '=', ticketId);
  if (cursor) {
    const [afterId] = cursor;
    if (typeof afterId !== 'number') throw invalid('cursor is not valid', 'cursor');
    q = q.where('id', '>', afterId);
  }
  const rows = await q.orderBy('id').limit(limit + 1).execute();
  const { items, nextCursor } = pageOf(rows, limit, (r) => [r.id]);
  const userIds = [...new Set(items.map((r) => r.actor_user_id).filter((v): v is number => v !== null))];
  const [people, emails] = await Promise.all([namesOfUsers(db, userIds), userEmails(db, userIds)]);
  const nameOf = (userId: number) => people.get(userId)?.agentName ?? people.get(userId)?.contactName ?? emails.get(userId) ?? '';
  return { items: items.map((r) => ({ ...r, actor_name: r.actor_user_id !== null ? nameOf(r.actor_user_id) : (r.actor_system ?? '') })), nextCursor };
}

function commaList(value: string | undefined, field: string, allowed: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined;
  const items = [...new Set(value.split(','))];
  const unknown = items.find((v) => !allowed.includes(v));
  if (unknown !== undefined) throw invalid(`${field} "${unknown}" is not one of ${allowed.join(', ')}`, field);
  return items;
}

function invalid(summary: string, field: string): DomainError {
  return new DomainError(CommonErrors['request.invalid'], { summary, field });
}
