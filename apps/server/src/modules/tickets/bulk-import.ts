import type { Insertable } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { DB, Db } from '../../schema.ts';
import type { Channel, Status, TicketType } from './lifecycle.ts';
import { priorityOf, type Level } from './priority.ts';
import { currentMatrix, normalizeTags } from './ticket-fields.ts';
import { ticketSettings } from './tickets.settings.ts';
import { actorColumns, apiFieldName } from './history.ts';
import { insertArticleRows, insertHistoryRowsBulk, insertTagRows, insertTicketRows, reserveTicketNumbers, updateImportedEscalations } from './tickets.bulk.repository.ts';

/**
 * Bulk import of tickets that already have a past (seed data; later, imports from other desks):
 * thousands of tickets per call, in the caller's transaction, without going through the commands
 * — but keeping what the commands keep: numbers from the one counter in creation order, priority
 * from the admin's matrix, tags de-duplicated on their normalised form, the lifecycle's columns
 * consistent with the status (resolved_at, closed_at, first_response_at), and one history row
 * per change after creation. No events are recorded: this is history, not news, and nobody
 * should be notified of it. (The search index gets its rows through the seam the caller names.)
 */

export interface ImportedArticle {
  kind: 'reply' | 'note';
  authorKind: 'agent' | 'contact';
  authorUserId: number | null;
  authorContactId: number | null;
  channel: string;
  body: string;
  at: number;
}

export interface ImportedChange {
  field: 'status' | 'assigneeAgentId' | 'assigneeGroupId';
  from: string | number | null;
  to: string | number | null;
  actorUserId: number | null;
  at: number;
}

export interface ImportedTicket {
  type: TicketType;
  status: Status;
  title: string;
  description: string;
  impact: Level;
  urgency: Level;
  channel: Channel;
  requesterContactId: number | null;
  organizationId: number | null;
  ownerGroupId: number;
  ownerAgentId: number | null;
  assigneeGroupId: number;
  assigneeAgentId: number | null;
  escalationLevel: 0 | 1 | 2;
  createdByUserId: number | null;
  createdAt: number;
  tags: readonly string[];
  /** In time order; the last one's time is the ticket's updated_at when later than its changes. */
  articles: readonly ImportedArticle[];
  changes: readonly ImportedChange[];
}

/** Imports tickets in the order given (numbers ascend with it); returns their ids in that order. */
export async function importTickets(db: Db, tickets: readonly ImportedTicket[]): Promise<number[]> {
  if (tickets.length === 0) return [];
  const matrix = await currentMatrix(db);
  const first = await reserveTicketNumbers(db, await ticketSettings.get(db, 'tickets.first_number'), tickets.length);
  const rows: Insertable<DB['tickets']>[] = tickets.map((t, i) => ticketRow(t, first + i, priorityOf(matrix, t.impact, t.urgency)));
  const idOf = await insertTicketRows(db, rows);
  const ids = rows.map((r) => idOf.get(r.number)!);
  await insertTagRows(
    db,
    tickets.flatMap((t, i) => normalizeTags(t.tags).map((tag) => ({ ticket_id: ids[i]!, tag: tag.tag, tag_normalized: tag.normalized }))),
  );
  await insertArticleRows(
    db,
    tickets.flatMap((t, i) =>
      t.articles.map((a) => ({
        ticket_id: ids[i]!,
        kind: a.kind,
        internal: a.kind === 'note' ? (1 as const) : (0 as const),
        channel: a.channel,
        author_user_id: a.authorUserId,
        author_system: null,
        author_kind: a.authorKind,
        author_contact_id: a.authorContactId,
        body: a.body,
        raw_body: null,
        event_type: null,
        event_data: null,
        created_at: a.at,
      })),
    ),
  );
  await insertHistoryRowsBulk(
    db,
    tickets.flatMap((t, i) =>
      t.changes.map((c) => ({
        ticket_id: ids[i]!,
        actor_user_id: c.actorUserId,
        actor_system: c.actorUserId === null ? 'system' : null,
        field: c.field,
        old_value: c.from === null ? null : String(c.from),
        new_value: c.to === null ? null : String(c.to),
        created_at: c.at,
      })),
    ),
  );
  return ids;
}

function ticketRow(t: ImportedTicket, number: number, priority: number): Insertable<DB['tickets']> {
  const times = [t.createdAt, ...t.articles.map((a) => a.at), ...t.changes.map((c) => c.at)];
  const updatedAt = Math.max(...times);
  const firstAgentReply = t.articles.find((a) => a.kind === 'reply' && a.authorKind === 'agent')?.at ?? null;
  const resolvedAt = t.status === 'resolved' || t.status === 'closed' ? (lastChangeTo(t, 'resolved') ?? updatedAt) : null;
  const closedAt = t.status === 'closed' ? (lastChangeTo(t, 'closed') ?? updatedAt) : null;
  return {
    number,
    type: t.type,
    status: t.status,
    title: t.title,
    description: t.description,
    impact: t.impact,
    urgency: t.urgency,
    priority,
    priority_overridden: 0,
    priority_override_reason: null,
    priority_override_by: null,
    category_id: null,
    channel: t.channel,
    requester_contact_id: t.requesterContactId,
    organization_id: t.organizationId,
    owner_group_id: t.ownerGroupId,
    owner_agent_id: t.ownerAgentId,
    assignee_group_id: t.assigneeGroupId,
    assignee_agent_id: t.assigneeAgentId,
    escalation_level: t.escalationLevel,
    escalated_at: t.escalationLevel > 0 ? updatedAt : null,
    escalation_acknowledged_at: null,
    pending_until: null,
    merged_into_id: null,
    created_by_user_id: t.createdByUserId,
    created_at: t.createdAt,
    updated_at: updatedAt,
    first_response_at: firstAgentReply ?? (resolvedAt !== null ? resolvedAt : null),
    resolved_at: resolvedAt,
    closed_at: closedAt,
    raw_input: null,
    version: 1 + t.changes.length,
  };
}

function lastChangeTo(t: ImportedTicket, status: Status): number | null {
  const c = [...t.changes].reverse().find((x) => x.field === 'status' && x.to === status);
  return c ? c.at : null;
}

/** A hierarchical escalation an imported ticket went through (the SLA sweep's, settled by sla). */
export interface ImportedEscalation {
  ticketId: number;
  from: number;
  to: number;
  at: number;
  reason: string;
}

/**
 * Records escalations of imported tickets as taken at their time, as escalateTicket writes them —
 * level, escalated_at, unacknowledged, the version step, history (escalation_level and the reason,
 * by `actor`) — set-based and without events: the past is history, not news, so nobody is told
 * (as importTickets). Rows of one ticket come in time order.
 */
export async function importEscalations(db: Db, actor: Actor, escalations: readonly ImportedEscalation[]): Promise<void> {
  if (escalations.length === 0) return;
  const who = actorColumns(actor);
  await insertHistoryRowsBulk(
    db,
    escalations.flatMap((e) => [
      { ticket_id: e.ticketId, ...who, field: apiFieldName('escalation_reason'), old_value: null, new_value: e.reason, created_at: e.at },
      { ticket_id: e.ticketId, ...who, field: apiFieldName('escalation_level'), old_value: String(e.from), new_value: String(e.to), created_at: e.at },
    ]),
  );
  const last = new Map<number, { id: number; level: number; at: number; steps: number }>();
  for (const e of escalations) {
    const seen = last.get(e.ticketId);
    last.set(e.ticketId, { id: e.ticketId, level: e.to, at: e.at, steps: (seen?.steps ?? 0) + 1 });
  }
  await updateImportedEscalations(db, [...last.values()]);
}
