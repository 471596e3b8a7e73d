import type { QueueView } from '../tickets/index.ts';

const ACTIVE = ['new', 'open', 'pending_customer', 'pending_third_party'];
/** How near a due time counts as "breaching soon". */
export const BREACHING_SOON_HOURS = 2;

/**
 * The SLA's queue views, contributed to the tickets module at registration (app.ts): tickets whose
 * earliest running target is due within two hours and nothing breached yet, and tickets with a
 * breached target. Each leads with its own index (migration 202612030101).
 */
export const SLA_QUEUE_VIEWS: readonly QueueView[] = Object.freeze([
  {
    name: 'breaching_soon',
    // (sla_breached, status, sla_due_at) serves it whole; (sla_due_at, status) when few are due.
    indexes: ['tickets_sla_breached', 'tickets_sla_due'],
    filter: {
      all: [
        { field: 'sla_due', op: 'sooner_than', value: { amount: BREACHING_SOON_HOURS, unit: 'hours' } },
        { field: 'status', op: 'in', value: ACTIVE },
        { field: 'sla_breached', op: 'eq', value: 0 },
      ],
    },
  },
  {
    name: 'breached',
    indexes: ['tickets_sla_breached'],
    // Walk the updated index to the page (ADR 0027): on an old desk most active tickets have breached
    // something, and reading them all through tickets_sla_breached to sort them took 0.2 s at 100,000
    // (the settled bench seed). The count keeps tickets_sla_breached.
    walkSortIndex: true,
    filter: { all: [{ field: 'sla_breached', op: 'eq', value: 1 }, { field: 'status', op: 'in', value: ACTIVE }] },
  },
]);
