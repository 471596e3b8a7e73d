import type { Db } from '../../schema.ts';
import type { TicketWhere } from './filter/ticket-filter.repository.ts';

/** The SQL of ticket lists, counts and history pages (tickets.queries.ts composes them). */

/** The columns a ticket list sorts by. */
export const TICKET_SORT_COLUMNS = {
  created_at: 'tickets.created_at',
  updated_at: 'tickets.updated_at',
  priority: 'tickets.priority',
  number: 'tickets.number',
} as const;
export type TicketSortKey = keyof typeof TICKET_SORT_COLUMNS;

/**
 * Up to `limit` tickets matching `where`, in keyset order (sort column, id), both in `direction`,
 * after the row `after` (its sort value and id) when given.
 */
export function selectTicketPage(
  db: Db,
  where: TicketWhere,
  order: { key: TicketSortKey; direction: 'asc' | 'desc'; after?: { value: number; id: number } | undefined },
  limit: number,
) {
  const column = TICKET_SORT_COLUMNS[order.key];
  let q = db.selectFrom('tickets').selectAll('tickets').where(where);
  const after = order.after;
  if (after) {
    const cmp = order.direction === 'desc' ? '<' : '>';
    q = q.where((eb) => eb.or([eb(column, cmp, after.value), eb.and([eb(column, '=', after.value), eb('tickets.id', cmp, after.id)])]));
  }
  return q.orderBy(column, order.direction).orderBy('tickets.id', order.direction).limit(limit).execute();
}

/** How many tickets match `where`. */
export async function countTicketsWhere(db: Db, where: TicketWhere): Promise<number> {
  const row = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where(where)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The human numbers of the given tickets (merge targets shown beside a page). */
export function ticketNumbersOf(db: Db, ids: readonly number[]): Promise<Array<{ id: number; number: number }>> {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('tickets').select(['id', 'number']).where('id', 'in', ids).execute();
}

/** Up to `limit` history rows of a ticket after the row `afterId`, oldest first. */
export function selectHistoryPage(db: Db, ticketId: number, afterId: number | undefined, limit: number) {
  let q = db.selectFrom('ticket_history').selectAll().where('ticket_id', '=', ticketId);
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}
