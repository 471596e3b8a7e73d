import { sql } from 'kysely';
import { dialectOf, preparedQuery } from '../../platform/db/index.ts';
import type { Db } from '../../schema.ts';
import type { TicketWhere } from './filter/ticket-filter.repository.ts';

/** The SQL of ticket lists, counts and history pages (tickets.queries.ts composes them). */

/** The columns a ticket list sorts by. */
export const TICKET_SORT_COLUMNS = {
  created_at: 'tickets.created_at',
  updated_at: 'tickets.updated_at',
  priority: 'tickets.priority',
  number: 'tickets.number',
  sla_due: 'tickets.sla_due_at',
} as const;
export type TicketSortKey = keyof typeof TICKET_SORT_COLUMNS;
/** Sort columns that may be null: nulls come after every value ascending (before them descending). */
export const NULLABLE_SORTS: ReadonlySet<TicketSortKey> = new Set(['sla_due']);

/**
 * Up to `limit` tickets matching `where`, in keyset order (sort column, id), both in `direction`,
 * after the row `after` (its sort value and id) when given. `walkSortIndex`: `where` is hidden from
 * index selection (DialectSupport.noIndex), so that the sort column's index is walked and the
 * query stops at the page — for views whose matches are many and spread over the sort order.
 */
export function selectTicketPage(...args: Parameters<typeof ticketPageQuery>) {
  return ticketPageQuery(...args).execute();
}

/** The query of selectTicketPage, not run (plan tests compile it). */
export function ticketPageQuery(
  db: Db,
  where: TicketWhere,
  order: { key: TicketSortKey; direction: 'asc' | 'desc'; after?: { value: number | null; id: number } | undefined; walkSortIndex?: boolean | undefined },
  limit: number,
) {
  const column = TICKET_SORT_COLUMNS[order.key];
  const dialect = dialectOf(db);
  let q = db
    .selectFrom('tickets')
    .selectAll('tickets')
    .where(order.walkSortIndex ? (eb) => dialect.noIndex(where(eb)) : where);
  const after = order.after;
  const desc = order.direction === 'desc';
  const cmp = desc ? '<' : '>';
  if (NULLABLE_SORTS.has(order.key)) {
    // Keyset over (value is null, value, id): the same order on both databases, whatever their null ordering.
    if (after) {
      const v = after.value;
      q = q.where((eb) => {
        const sameTail = eb.and([eb(column, '=', v), eb('tickets.id', cmp, after.id)]);
        if (v === null) return desc ? eb.or([eb.and([eb(column, 'is', null), eb('tickets.id', cmp, after.id)]), eb(column, 'is not', null)]) : eb.and([eb(column, 'is', null), eb('tickets.id', cmp, after.id)]);
        return desc ? eb.or([eb(column, cmp, v), sameTail]) : eb.or([eb(column, cmp, v), sameTail, eb(column, 'is', null)]);
      });
    }
    return q.orderBy(sql`(${sql.ref(column)} is null)`, order.direction).orderBy(column, order.direction).orderBy('tickets.id', order.direction).limit(limit);
  }
  // `column <= value` (desc) is implied by the keyset OR; stated, it lets the planner seek the
  // sort index (or the filter index's trailing column) to the cursor instead of reading from the top.
  if (after)
    q = q
      .where(column, desc ? '<=' : '>=', after.value)
      .where((eb) => eb.or([eb(column, cmp, after.value), eb.and([eb(column, '=', after.value), eb('tickets.id', cmp, after.id)])]));
  return q.orderBy(column, order.direction).orderBy('tickets.id', order.direction).limit(limit);
}

/**
 * How many tickets match `where`, counting no further than `upTo` (the planner stops reading at
 * the limit: a count costs at most `upTo` matches, whatever the view's size). The count is
 * exact when it is below `upTo`.
 */
export async function countTicketsUpTo(db: Db, where: TicketWhere, upTo: number): Promise<number> {
  return Number((await ticketCountQuery(db, where, upTo).executeTakeFirstOrThrow()).n);
}

/** The query of countTicketsUpTo, not run (plan tests compile it). */
export function ticketCountQuery(db: Db, where: TicketWhere, upTo: number) {
  const matches = db.selectFrom('tickets').select(sql<number>`1`.as('one')).where(where).limit(upTo);
  return db.selectFrom(matches.as('matches')).select((eb) => eb.fn.countAll<number | string>().as('n'));
}

/** The human numbers of the given tickets (merge targets shown beside a page). */
const numbersOfTickets = preparedQuery((db: Db, ids: readonly number[]) => db.selectFrom('tickets').select(['id', 'number']).where('id', 'in', ids));

export function ticketNumbersOf(db: Db, ids: readonly number[]): Promise<Array<{ id: number; number: number }>> {
  if (!ids.length) return Promise.resolve([]);
  return numbersOfTickets(db, ids);
}

/** Up to `limit` history rows of a ticket after the row `afterId`, oldest first. */
export function selectHistoryPage(db: Db, ticketId: number, afterId: number | undefined, limit: number) {
  let q = db.selectFrom('ticket_history').selectAll().where('ticket_id', '=', ticketId);
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}
