import type { Actor } from '../../platform/actor.ts';
import type { Insertable } from 'kysely';
import type { DB, Db } from '../../schema.ts';
import { addEventArticle } from './articles.events.ts';
import { insertHistoryRows, rememberAssignees } from './tickets.repository.ts';
import { storyOf } from './timeline-story.ts';
import { apiFieldName } from './field-names.ts';

export type HistoryValue = string | number | boolean | null | readonly (string | number)[];

/** How a field's value is written to history: text, so that every field reads the same way. */
export function historyText(value: HistoryValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

/** The fields whose value differs between before and after (only keys present in `after`). */
export function changedFields(before: Record<string, HistoryValue | undefined>, after: Record<string, HistoryValue | undefined>): string[] {
  return Object.keys(after).filter((k) => historyText(before[k]) !== historyText(after[k]));
}

export function actorColumns(actor: Actor): { actor_user_id: number | null; actor_system: string | null } {
  if (actor.kind === 'user') return { actor_user_id: actor.userId, actor_system: null };
  if (actor.kind === 'system') return { actor_user_id: null, actor_system: actor.name };
  return { actor_user_id: null, actor_system: 'anonymous' };
}

export { apiFieldName } from './field-names.ts';

type HistoryInput = { ticketId: number; actor: Actor; now: number; before: Record<string, HistoryValue | undefined>; after: Record<string, HistoryValue | undefined> };

/** The history rows of one change (one per changed field), for callers that insert many tickets' rows at once. */
export function historyRowsOf(input: HistoryInput, fields = changedFields(input.before, input.after)): Insertable<DB['ticket_history']>[] {
  const who = actorColumns(input.actor);
  return fields.map((field) => ({
    ticket_id: input.ticketId,
    ...who,
    field: apiFieldName(field),
    old_value: historyText(input.before[field]),
    new_value: historyText(input.after[field]),
    created_at: input.now,
  }));
}

/**
 * One history row per changed field: who, when, field (API name), old, new. Keys may be columns or
 * API names. The same change is told in the timeline (timeline-story.ts: status, assignment,
 * escalation, acknowledgement, de-escalation, referral return) as system events.
 */
export async function writeHistory(
  db: Db,
  input: HistoryInput,
): Promise<string[]> {
  const fields = changedFields(input.before, input.after);
  if (fields.length === 0) return fields;
  await insertHistoryRows(db, historyRowsOf(input, fields));
  // Whoever held it, and whoever takes it, keeps reading it (tickets.policy agentSees).
  const assignee = fields.find((f) => apiFieldName(f) === 'assigneeAgentId');
  if (assignee !== undefined) {
    const agents = [input.before[assignee], input.after[assignee]].filter((v): v is number => typeof v === 'number');
    await rememberAssignees(db, input.ticketId, agents, input.now);
  }
  const clock = { now: () => input.now };
  for (const event of storyOf(input.before, input.after, fields)) {
    await addEventArticle(db, clock, { ticketId: input.ticketId, ...event, actor: input.actor, announce: false });
  }
  return fields;
}
