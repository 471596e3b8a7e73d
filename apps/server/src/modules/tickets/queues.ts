import type { TicketFilter } from '@pishkhan/contracts';
import type { AgentIdentity, Role } from '../../platform/actor.ts';
import { checkTicketFilter } from './filter/check.ts';
import type { TicketFilterFields } from './filter/fields.ts';
import { OPEN_STATUSES, PENDING_STATUSES } from './lifecycle.ts';

/**
 * The named views of the agent workspace ("My open tickets", "Escalated to me" …), each defined
 * once in the filter language (filter/README.md), with `@me`, `@my_groups` and relative times.
 * Every use compiles it with compileTicketFilter, which AND-s it with visibleTickets(actor), so a
 * view can never show a ticket its reader may not see. Each filter leads with indexed columns
 * (migrations 202611261603 and 202611261620 name the index for each). The list of views is built
 * at registration: BUILTIN_QUEUE_VIEWS plus what other modules pass to registerTickets
 * (`queueViews`, e.g. the SLA issue's breaching_soon and breached).
 */
export interface QueueView {
  name: string;
  /** The indexes that serve this view; queues.indexes.db.test.ts checks the planner uses one. */
  indexes: readonly string[];
  /**
   * Plan hint for the page in the default sort (most recently updated first): walk the
   * `tickets_updated` index and stop at the page instead of reading every match through the
   * filter's index and sorting (ADR 0027). For views with many matches spread over time (SQLite
   * chose the sort for `pending` and `referred_elsewhere`: 0.3–1 s at 1 M tickets); never for a
   * view that is usually empty or small (the walk would read the whole index to find nothing).
   * The index carries status, groups and agents (migration 202612042100) and the walk tests them
   * on its entries, so a walked view's conditions should stay on those columns. The count ignores
   * the hint and keeps the filter's index.
   */
  walkSortIndex?: boolean;
  /** Shown only to agents with one of these roles (role queues); absent: to every agent. */
  roles?: readonly Role[];
  /**
   * Which tickets (before the visibility scope). A function of the reading agent only when the
   * view depends on their roles, which the language does not name (escalated_to_me).
   */
  filter: TicketFilter | ((agent: AgentIdentity) => TicketFilter);
}

/** Whether an agent has this view in their sidebar (a role view: only with one of its roles). */
export function viewShownTo(view: QueueView, agent: AgentIdentity): boolean {
  return !view.roles || view.roles.some((role) => agent.roles.has(role));
}

/** The sort of a queue page when the request names none (the hint `walkSortIndex` applies to it only). */
export const QUEUE_DEFAULT_SORT = '-updated_at';

/** How far the sidebar counts each view: exact below, "at least 1,000" from it (ADR 0027). */
export const QUEUE_COUNT_CAP = 1000;

/** The filter of a view for one agent. */
export function queueFilter(view: QueueView, agent: AgentIdentity): TicketFilter {
  return typeof view.filter === 'function' ? view.filter(agent) : view.filter;
}

const ACTIVE = [...OPEN_STATUSES];
const NEW_OR_OPEN = ['new', 'open'];

/** The views every installation has. */
export const BUILTIN_QUEUE_VIEWS: readonly QueueView[] = Object.freeze([
  {
    name: 'my_open',
    // tickets_status_assignee (status, agent, updated), the role queues' index, serves it as well.
    indexes: ['tickets_assignee_agent_status', 'tickets_status_assignee'],
    filter: { all: [{ field: 'assignee', op: 'eq', value: '@me' }, { field: 'status', op: 'in', value: NEW_OR_OPEN }] },
  },
  {
    // index tickets_assignee_group_status (group, status, agent)
    name: 'unassigned_in_my_groups',
    indexes: ['tickets_assignee_group_status'],
    filter: {
      all: [
        { field: 'group', op: 'in', value: '@my_groups' },
        { field: 'status', op: 'in', value: NEW_OR_OPEN },
        { field: 'assignee', op: 'is_null' },
      ],
    },
  },
  {
    name: 'open_in_my_groups',
    indexes: ['tickets_assignee_group_status'],
    // A group's active tickets: a large share of what was updated lately.
    walkSortIndex: true,
    filter: { all: [{ field: 'group', op: 'in', value: '@my_groups' }, { field: 'status', op: 'in', value: ACTIVE }] },
  },
  {
    // tickets_assignee_agent_status OR tickets_assignee_group_status
    name: 'pending',
    // By status alone, tickets_status_assignee reads what tickets_status_pending would: the pending tickets.
    indexes: ['tickets_assignee_agent_status', 'tickets_assignee_group_status', 'tickets_status_pending', 'tickets_status_assignee'],
    walkSortIndex: true,
    filter: {
      all: [
        { any: [{ field: 'assignee', op: 'eq', value: '@me' }, { field: 'group', op: 'in', value: '@my_groups' }] },
        { field: 'status', op: 'in', value: [...PENDING_STATUSES] },
      ],
    },
  },
  {
    // index tickets_escalation_ack (level, group, acknowledged): level 1 reaches the assignee
    // group's supervisors, level 2 the managers — roles, hence a filter per reader.
    name: 'escalated_to_me',
    indexes: ['tickets_escalation_ack', 'tickets_escalation'],
    filter: (agent) => ({
      all: [
        {
          any: [
            ...(agent.roles.has('supervisor')
              ? [{ all: [{ field: 'escalation_level', op: 'eq', value: 1 }, { field: 'group', op: 'in', value: '@my_groups' }] } satisfies TicketFilter]
              : []),
            ...(agent.roles.has('manager') ? [{ field: 'escalation_level', op: 'eq', value: 2 } satisfies TicketFilter] : []),
          ],
        },
        { field: 'escalation_acknowledged', op: 'eq', value: false },
      ],
    }),
  },
  {
    // index tickets_owner_group_status; an assignee group that is unset is not "elsewhere"
    name: 'referred_elsewhere',
    indexes: ['tickets_owner_group_status'],
    walkSortIndex: true,
    filter: {
      all: [
        { field: 'owner_group', op: 'in', value: '@my_groups' },
        { field: 'status', op: 'in', value: ACTIVE },
        { field: 'group', op: 'not_in', value: '@my_groups' },
        { field: 'group', op: 'is_not_null' },
      ],
    },
  },
  {
    // tickets_owner_group_status OR tickets_assignee_group_status OR tickets_owner_agent_status
    name: 'recently_resolved',
    indexes: ['tickets_owner_group_status', 'tickets_assignee_group_status', 'tickets_owner_agent_status', 'tickets_status_resolved'],
    filter: {
      all: [
        {
          any: [
            { field: 'owner_group', op: 'in', value: '@my_groups' },
            { field: 'group', op: 'in', value: '@my_groups' },
            { field: 'owner_agent', op: 'eq', value: '@me' },
          ],
        },
        { field: 'status', op: 'in', value: ['resolved', 'closed'] },
        { field: 'resolved_at', op: 'newer_than', value: { amount: 7, unit: 'days' } },
      ],
    },
  },
] satisfies QueueView[]);

/**
 * The views of this installation: the built-in ones, then `extra` (other modules', from
 * registerTickets). A repeated name or a fixed filter the field table refuses fails the start.
 */
export function queueViews(extra: readonly QueueView[], fields: TicketFilterFields): readonly QueueView[] {
  const views = [...BUILTIN_QUEUE_VIEWS, ...extra];
  const names = new Set<string>();
  for (const view of views) {
    if (names.has(view.name)) throw new Error(`queue view "${view.name}" is defined twice`);
    names.add(view.name);
    if (typeof view.filter !== 'function') checkTicketFilter(view.filter, fields, `queue view ${view.name}`);
  }
  return Object.freeze(views);
}
