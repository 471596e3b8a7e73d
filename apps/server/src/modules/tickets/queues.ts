import type { Expression, SqlBool } from 'kysely';
import type { AgentIdentity } from '../../platform/actor.ts';
import { OPEN_STATUSES, PENDING_STATUSES } from './lifecycle.ts';
import type { TicketWhere } from './tickets.queries.ts';

/**
 * The named views of the agent workspace ("My open tickets", "Escalated to me" …), each defined
 * once as a SQL filter on tickets. Every use AND-s it with visibleTickets(actor), so a view can
 * never show a ticket its reader may not see. Each filter leads with indexed columns (migrations
 * 202611261603 and 202611261620 name the index for each). The SLA module adds its views
 * (`breaching_soon`, `breached`) by appending entries to QUEUE_VIEWS.
 */

export interface QueueContext {
  agent: AgentIdentity;
  now: number;
}

export interface QueueView {
  name: string;
  /** The indexes that serve this view; queues.indexes.db.test.ts checks the planner uses one. */
  indexes: readonly string[];
  /** Rows of this view for this agent (before the visibility scope). */
  filter(q: QueueContext): TicketWhere;
}

const RECENTLY_RESOLVED_MS = 7 * 24 * 60 * 60 * 1000;
const ACTIVE = [...OPEN_STATUSES];
const NEW_OR_OPEN = ['new', 'open'];

/** assignee/owner group in the agent's groups; nothing when they have none (IN () is not SQL). */
const inMyGroups =
  (column: 'tickets.assignee_group_id' | 'tickets.owner_group_id', groups: readonly number[]): TicketWhere =>
  (eb) =>
    groups.length ? eb(column, 'in', groups) : eb.lit(false);

export const QUEUE_VIEWS: QueueView[] = [
  {
    // index tickets_assignee_agent_status
    name: 'my_open',
    indexes: ['tickets_assignee_agent_status'],
    filter: ({ agent }) => (eb) => eb.and([eb('tickets.assignee_agent_id', '=', agent.id), eb('tickets.status', 'in', NEW_OR_OPEN)]),
  },
  {
    // index tickets_assignee_group_status (group, status, agent)
    name: 'unassigned_in_my_groups',
    indexes: ['tickets_assignee_group_status'],
    filter:
      ({ agent }) =>
      (eb) =>
        eb.and([inMyGroups('tickets.assignee_group_id', agent.groupIds)(eb), eb('tickets.status', 'in', NEW_OR_OPEN), eb('tickets.assignee_agent_id', 'is', null)]),
  },
  {
    // index tickets_assignee_group_status
    name: 'open_in_my_groups',
    indexes: ['tickets_assignee_group_status'],
    filter:
      ({ agent }) =>
      (eb) =>
        eb.and([inMyGroups('tickets.assignee_group_id', agent.groupIds)(eb), eb('tickets.status', 'in', ACTIVE)]),
  },
  {
    // tickets_assignee_agent_status OR tickets_assignee_group_status
    name: 'pending',
    indexes: ['tickets_assignee_agent_status', 'tickets_assignee_group_status', 'tickets_status_pending'],
    filter:
      ({ agent }) =>
      (eb) =>
        eb.and([
          eb.or([eb('tickets.assignee_agent_id', '=', agent.id), inMyGroups('tickets.assignee_group_id', agent.groupIds)(eb)]),
          eb('tickets.status', 'in', [...PENDING_STATUSES]),
        ]),
  },
  {
    // index tickets_escalation_ack (level, group, acknowledged)
    name: 'escalated_to_me',
    indexes: ['tickets_escalation_ack', 'tickets_escalation'],
    filter:
      ({ agent }) =>
      (eb) => {
        const ors: Expression<SqlBool>[] = [];
        if (agent.roles.has('supervisor') && agent.groupIds.length) {
          ors.push(eb.and([eb('tickets.escalation_level', '=', 1), eb('tickets.assignee_group_id', 'in', agent.groupIds)]));
        }
        if (agent.roles.has('manager')) ors.push(eb('tickets.escalation_level', '=', 2));
        return ors.length ? eb.and([eb.or(ors), eb('tickets.escalation_acknowledged_at', 'is', null)]) : eb.lit(false);
      },
  },
  {
    // index tickets_owner_group_status
    name: 'referred_elsewhere',
    indexes: ['tickets_owner_group_status'],
    filter:
      ({ agent }) =>
      (eb) =>
        agent.groupIds.length
          ? eb.and([
              eb('tickets.owner_group_id', 'in', agent.groupIds),
              eb('tickets.status', 'in', ACTIVE),
              eb('tickets.assignee_group_id', 'not in', agent.groupIds),
            ])
          : eb.lit(false),
  },
  {
    // tickets_owner_group_status OR tickets_assignee_group_status OR tickets_owner_agent_status
    name: 'recently_resolved',
    indexes: ['tickets_owner_group_status', 'tickets_assignee_group_status', 'tickets_owner_agent_status', 'tickets_status_resolved'],
    filter:
      ({ agent, now }) =>
      (eb) =>
        eb.and([
          eb.or([
            inMyGroups('tickets.owner_group_id', agent.groupIds)(eb),
            inMyGroups('tickets.assignee_group_id', agent.groupIds)(eb),
            eb('tickets.owner_agent_id', '=', agent.id),
          ]),
          eb('tickets.status', 'in', ['resolved', 'closed']),
          eb('tickets.resolved_at', '>=', now - RECENTLY_RESOLVED_MS),
        ]),
  },
];

export function findQueueView(name: string): QueueView | undefined {
  return QUEUE_VIEWS.find((v) => v.name === name);
}
