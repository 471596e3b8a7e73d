import type { QueueView } from './queues.ts';
import { OPEN_STATUSES } from './lifecycle.ts';

const ACTIVE = [...OPEN_STATUSES];

/**
 * The queues that fit a role beyond the group queues (issue 9): managers see all open and all
 * unassigned tickets across groups; a crm agent the open tickets of the organisations they manage.
 * Passed to registerTickets by app.ts like any module's views; migration 202612030700 adds their
 * indexes (role-queues.indexes.db.test.ts checks the plans).
 */
export const ROLE_QUEUE_VIEWS: readonly QueueView[] = Object.freeze([
  {
    name: 'all_open',
    roles: ['manager'],
    indexes: ['tickets_status_assignee', 'tickets_status_pending', 'tickets_status_resolved'],
    // Every active ticket of the desk: most of what was updated lately, and too many to sort.
    walkSortIndex: true,
    filter: { field: 'status', op: 'in', value: ACTIVE },
  },
  {
    name: 'all_unassigned',
    roles: ['manager'],
    // No walk: (status, agent, updated) already yields its page at once (0.1 ms at 340,000 tickets;
    // the walk took 14 ms).
    indexes: ['tickets_status_assignee'],
    filter: { all: [{ field: 'status', op: 'in', value: ['new', 'open'] }, { field: 'assignee', op: 'is_null' }] },
  },
  {
    name: 'my_organizations_open',
    roles: ['crm'],
    indexes: ['tickets_organization_status', 'tickets_organization'],
    filter: { all: [{ field: 'account_manager', op: 'eq', value: '@me' }, { field: 'status', op: 'in', value: ACTIVE }] },
  },
] satisfies QueueView[]);
