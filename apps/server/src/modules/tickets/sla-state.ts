import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../schema.ts';
import { addEventArticle } from './articles.events.ts';
import { historyRowsOf } from './history.ts';
import { publicRepliesOf, slaTicketRows, statusChangesOf, updateSlaColumnsBulk, type SlaColumn, type SlaColumnValues } from './sla-state.repository.ts';
import { insertHistoryRowsBulk } from './tickets.bulk.repository.ts';
import { storyOf, type StoryEvent } from './timeline-story.ts';

/**
 * What the sla module needs of a ticket to run its clocks: its fields (for the rules), its status
 * path and its public replies. Read set-based for a chunk of tickets (three queries).
 */
export interface TicketSlaFacts {
  id: number;
  status: string;
  priority: number;
  type: string;
  channel: string;
  categoryId: number | null;
  organizationId: number | null;
  createdAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  merged: boolean;
  escalationLevel: number;
  assigneeGroupId: number | null;
  assigneeAgentId: number | null;
  /** Each status the ticket entered after creation, and when. */
  statusChanges: { at: number; to: string }[];
  /** Public replies, oldest first: by the desk ('agent') or the customer ('contact'). */
  replies: { at: number; by: 'agent' | 'contact' | 'system' }[];
  /** The stored SLA state. */
  sla: SlaState;
}

/** A ticket's SLA state as stored in its columns (times epoch ms, business durations ms). */
export interface SlaState {
  policyId: number | null;
  firstResponseDueAt: number | null;
  nextResponseDueAt: number | null;
  resolutionDueAt: number | null;
  /** The earliest due time of a target still running. */
  dueAt: number | null;
  nextEventAt: number | null;
  elapsedMs: number;
  pausedMs: number;
  firstResponseBreached: boolean;
  nextResponseBreached: boolean;
  resolutionBreached: boolean;
  /** Any target breached. */
  breached: boolean;
}

const COLUMN_OF: Record<keyof SlaState, SlaColumn> = {
  policyId: 'sla_policy_id',
  firstResponseDueAt: 'sla_first_response_due_at',
  nextResponseDueAt: 'sla_next_response_due_at',
  resolutionDueAt: 'sla_resolution_due_at',
  dueAt: 'sla_due_at',
  nextEventAt: 'sla_next_event_at',
  elapsedMs: 'sla_elapsed_ms',
  pausedMs: 'sla_paused_ms',
  firstResponseBreached: 'sla_first_response_breached',
  nextResponseBreached: 'sla_next_response_breached',
  resolutionBreached: 'sla_resolution_breached',
  breached: 'sla_breached',
};
const KEYS = Object.keys(COLUMN_OF) as (keyof SlaState)[];
/** The SLA changes timeline-story.ts tells. */
const STORIED: ReadonlySet<keyof SlaState> = new Set(['policyId', 'firstResponseBreached', 'nextResponseBreached', 'resolutionBreached']);
/** Bookkeeping that moves with every recompute: stored, not told in history. */
const UNTOLD: ReadonlySet<keyof SlaState> = new Set(['nextEventAt', 'elapsedMs', 'pausedMs', 'dueAt', 'breached']);

function stateOf(row: SlaColumnValues): SlaState {
  return {
    policyId: row.sla_policy_id,
    firstResponseDueAt: row.sla_first_response_due_at,
    nextResponseDueAt: row.sla_next_response_due_at,
    resolutionDueAt: row.sla_resolution_due_at,
    dueAt: row.sla_due_at,
    nextEventAt: row.sla_next_event_at,
    elapsedMs: row.sla_elapsed_ms ?? 0,
    pausedMs: row.sla_paused_ms ?? 0,
    firstResponseBreached: row.sla_first_response_breached === 1,
    nextResponseBreached: row.sla_next_response_breached === 1,
    resolutionBreached: row.sla_resolution_breached === 1,
    breached: row.sla_breached === 1,
  };
}

const stored = (v: SlaState[keyof SlaState]): number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

/** The SLA facts of these tickets (missing ids are left out), their rows locked unless `lock: false` (see slaTicketRows). */
export async function ticketSlaFacts(db: Db, ids: readonly number[], options: { lock?: boolean } = {}): Promise<TicketSlaFacts[]> {
  const rows = await slaTicketRows(db, ids, options);
  const [changes, replies] = await Promise.all([statusChangesOf(db, ids), publicRepliesOf(db, ids)]);
  const byTicket = <T extends { ticket_id: number }>(list: T[]) => {
    const m = new Map<number, T[]>();
    for (const x of list) {
      const of = m.get(x.ticket_id);
      if (of) of.push(x);
      else m.set(x.ticket_id, [x]);
    }
    return m;
  };
  const changesOf = byTicket(changes);
  const repliesOf = byTicket(replies);
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    priority: r.priority,
    type: r.type,
    channel: r.channel,
    categoryId: r.category_id,
    organizationId: r.organization_id,
    createdAt: r.created_at,
    firstResponseAt: r.first_response_at,
    resolvedAt: r.resolved_at,
    merged: r.merged_into_id !== null,
    escalationLevel: r.escalation_level,
    assigneeGroupId: r.assignee_group_id,
    assigneeAgentId: r.assignee_agent_id,
    statusChanges: (changesOf.get(r.id) ?? []).filter((c) => c.new_value !== null).map((c) => ({ at: c.created_at, to: c.new_value! })),
    replies: (repliesOf.get(r.id) ?? []).map((a) => ({ at: a.created_at, by: a.author_kind as 'agent' | 'contact' | 'system' })),
    sla: stateOf(r as unknown as SlaColumnValues),
  }));
}

/**
 * The sla module's one way to write SLA state, set-based for a chunk: the tickets whose state
 * differs get their SLA columns set in one statement per 500 (no version step, so an agent's edit
 * in flight is never refused for it), every change other than bookkeeping goes to history in one
 * insert, and a breach or a policy change is also told in the timeline (timeline-story.ts).
 * Returns the ids whose state changed.
 */
export async function applySlaStates(db: Db, actor: Actor, now: number, states: ReadonlyArray<{ ticketId: number; state: SlaState; current: SlaState }>): Promise<number[]> {
  const changed: number[] = [];
  const updates: { id: number; values: SlaColumnValues }[] = [];
  const history: Parameters<typeof insertHistoryRowsBulk>[1][number][] = [];
  const stories: { ticketId: number; event: StoryEvent }[] = [];
  for (const { ticketId, state, current } of states) {
    const values = {} as SlaColumnValues;
    let differs = false;
    const told: (keyof SlaState)[] = [];
    for (const k of KEYS) {
      const value = stored(state[k]);
      values[COLUMN_OF[k]] = value;
      if (value === stored(current[k])) continue;
      differs = true;
      if (!UNTOLD.has(k)) told.push(k);
    }
    if (!differs) continue;
    changed.push(ticketId);
    updates.push({ id: ticketId, values });
    if (told.length === 0) continue;
    const before = Object.fromEntries(told.map((k) => [COLUMN_OF[k], stored(current[k])]));
    const after = Object.fromEntries(told.map((k) => [COLUMN_OF[k], stored(state[k])]));
    const fields = told.map((k) => COLUMN_OF[k]);
    history.push(...historyRowsOf({ ticketId, actor, now, before, after }, fields));
    // Only a new policy and a breach are told in the timeline: skip the story of a due time that moved.
    if (told.some((k) => STORIED.has(k))) for (const event of storyOf(before, after, fields)) stories.push({ ticketId, event });
  }
  await updateSlaColumnsBulk(db, updates);
  await insertHistoryRowsBulk(db, history);
  const clock = { now: () => now };
  for (const { ticketId, event } of stories) await addEventArticle(db, clock, { ticketId, ...event, actor, announce: false });
  return changed;
}

/**
 * Imported tickets' SLA state as of the import (sla's `settleImportedSla`): set in the columns, one
 * statement per 500, and not told — no history, no timeline — since the import is their past, not a
 * change anyone made now (as importTickets records no events).
 */
export async function importSlaStates(db: Db, states: ReadonlyArray<{ ticketId: number; state: SlaState }>): Promise<void> {
  await updateSlaColumnsBulk(
    db,
    states.map(({ ticketId, state }) => ({ id: ticketId, values: Object.fromEntries(KEYS.map((k) => [COLUMN_OF[k], stored(state[k])])) as SlaColumnValues })),
  );
}
