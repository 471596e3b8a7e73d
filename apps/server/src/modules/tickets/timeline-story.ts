import type { HistoryValue } from './history.ts';
import { apiFieldName } from './field-names.ts';

/**
 * The system events a change of a ticket tells in its timeline, derived from the same before/after
 * that history writes — so every command that changes a status, an assignment or an escalation
 * tells it, without one forgetting. Events store ids only; names are rendered at read time in the
 * reader's language (timeline-texts.ts). `internal` events are the desk's: a contact sees status
 * changes and merges, never who in which group holds the ticket or why it was escalated.
 */
export interface StoryEvent {
  eventType: StoryEventType;
  eventData: Record<string, unknown>;
  internal: boolean;
}

export type StoryEventType =
  | 'ticket.status_changed'
  | 'ticket.assigned'
  | 'ticket.escalated'
  | 'ticket.escalation_acknowledged'
  | 'ticket.deescalated'
  | 'ticket.referral_returned'
  | 'ticket.sla_policy_changed'
  | 'ticket.sla_breached';

type Values = Record<string, HistoryValue | undefined>;

/** A value by its column name or its API name (history takes either). */
function pick(values: Values, column: string): HistoryValue | undefined {
  if (column in values) return values[column];
  return values[apiFieldName(column)];
}

const changed = (fields: readonly string[], column: string) => fields.includes(column) || fields.includes(apiFieldName(column));

const idOf = (v: HistoryValue | undefined): number | null => (typeof v === 'number' ? v : null);

/** The story of one change: `fields` are those history found changed between before and after. */
export function storyOf(before: Values, after: Values, fields: readonly string[]): StoryEvent[] {
  const events: StoryEvent[] = [];
  // A merge tells itself (merged_into / merged_from): its status and re-pointing are not told again.
  if (changed(fields, 'merged_into_id') || changed(fields, 'merged_from')) return events;
  const statusChanged = changed(fields, 'status') && pick(before, 'status') != null;
  const to = pick(after, 'status');
  if (statusChanged) events.push({ eventType: 'ticket.status_changed', eventData: { from: pick(before, 'status'), to }, internal: false });

  const groupChanged = changed(fields, 'assignee_group_id');
  const agentChanged = changed(fields, 'assignee_agent_id');
  const reason = pick(after, 'escalation_reason');
  const escalated = changed(fields, 'escalation_reason') && typeof reason === 'string';
  if (groupChanged || agentChanged) {
    const assignment: Record<string, unknown> = {};
    if (groupChanged) Object.assign(assignment, { groupId: idOf(pick(after, 'assignee_group_id')), fromGroupId: idOf(pick(before, 'assignee_group_id')) });
    if (agentChanged || groupChanged) {
      const agentKnown = agentChanged || pick(after, 'assignee_agent_id') !== undefined;
      if (agentKnown) Object.assign(assignment, { agentId: idOf(pick(after, 'assignee_agent_id')), fromAgentId: idOf(pick(before, 'assignee_agent_id')) });
    }
    if (escalated) events.push({ eventType: 'ticket.escalated', eventData: { kind: 'functional', ...assignment, reason }, internal: true });
    else if (statusChanged && to === 'resolved' && groupChanged) events.push({ eventType: 'ticket.referral_returned', eventData: assignment, internal: true });
    else events.push({ eventType: 'ticket.assigned', eventData: assignment, internal: true });
  }

  if (changed(fields, 'escalation_level')) {
    const level = pick(after, 'escalation_level');
    const from = pick(before, 'escalation_level');
    if (typeof level === 'number' && typeof from === 'number' && level > from) {
      events.push({ eventType: 'ticket.escalated', eventData: { kind: 'hierarchical', level, ...(escalated ? { reason } : {}) }, internal: true });
    } else if (level === 0 && !statusChanged) {
      events.push({ eventType: 'ticket.deescalated', eventData: { fromLevel: from ?? null }, internal: true });
    }
  }
  if (changed(fields, 'escalation_acknowledged_at') && pick(after, 'escalation_acknowledged_at') != null) {
    events.push({ eventType: 'ticket.escalation_acknowledged', eventData: {}, internal: true });
  }
  // SLA state (sla-state.ts): a new policy, and each target that becomes breached.
  if (changed(fields, 'sla_policy_id') && pick(before, 'sla_policy_id') != null) events.push({ eventType: 'ticket.sla_policy_changed', eventData: {}, internal: true });
  for (const target of ['first_response', 'next_response', 'resolution'] as const) {
    if (changed(fields, `sla_${target}_breached`) && pick(after, `sla_${target}_breached`) === 1) {
      events.push({ eventType: 'ticket.sla_breached', eventData: { target }, internal: true });
    }
  }
  return events;
}
