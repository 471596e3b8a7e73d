import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { TicketFilter } from '@pishkhan/contracts';
import type { DB } from '../../../schema.ts';
import { visibleTickets } from '../tickets.policy.ts';
import { checkTicketFilter } from './check.ts';
import { ticketFilterFields, type TicketFilterFields } from './fields.ts';
import { planTicketFilter, type FilterPlan, type TicketFilterContext } from './plan.ts';

/** A where-callback on the tickets table. */
export type TicketWhere = (eb: ExpressionBuilder<DB, 'tickets'>) => Expression<SqlBool>;

/**
 * The tickets a reader may see that match a filter — or every one of several filters, each within
 * the limits on its own (the list's parameters and its `filter` parameter): checks them (400
 * request.invalid with the path of the first problem), resolves them for the reader and now,
 * compiles them, and AND-s them with visibleTickets(actor) — so no filter, saved view or queue can
 * show a ticket its reader may not see.
 */
export function compileTicketFilter(filter: TicketFilter | readonly TicketFilter[], context: TicketFilterContext, fields: TicketFilterFields = ticketFilterFields): TicketWhere {
  const wheres = (isFilterList(filter) ? filter : [filter]).map((f) => filterWhere(f, context, fields));
  const visible = visibleTickets(context.actor);
  return (eb) => eb.and([visible(eb), ...wheres.map((w) => w(eb))]);
}

function isFilterList(filter: TicketFilter | readonly TicketFilter[]): filter is readonly TicketFilter[] {
  return Array.isArray(filter);
}

/** The filter alone, without the visibility scope: for index-plan tests only, never for a reader's list. */
export function filterWhere(filter: TicketFilter, context: TicketFilterContext, fields: TicketFilterFields = ticketFilterFields): TicketWhere {
  return planWhere(planTicketFilter(checkTicketFilter(filter, fields), fields, context));
}

const OPERATORS = { eq: '=', neq: '<>', in: 'in', not_in: 'not in', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function planWhere(plan: FilterPlan): TicketWhere {
  switch (plan.kind) {
    case 'all': {
      const items = plan.items.map(planWhere);
      return (eb) => (items.length ? eb.and(items.map((w) => w(eb))) : eb.lit(true));
    }
    case 'any': {
      const items = plan.items.map(planWhere);
      return (eb) => (items.length ? eb.or(items.map((w) => w(eb))) : eb.lit(false));
    }
    case 'not': {
      const item = planWhere(plan.item);
      return (eb) => eb.not(item(eb));
    }
    case 'const':
      return (eb) => eb.lit(plan.value);
    case 'tag':
      return (eb) =>
        eb(
          'tickets.id',
          plan.negated ? 'not in' : 'in',
          eb.selectFrom('ticket_tags').select('ticket_tags.ticket_id').where('ticket_tags.tag_normalized', 'in', plan.tags),
        );
    case 'custom':
      return plan.where;
    case 'column': {
      const ref = `tickets.${plan.column}` as const;
      return (eb) => {
        let e: Expression<SqlBool>;
        if (plan.op === 'is_null') e = eb(ref, 'is', null);
        else if (plan.op === 'is_not_null') e = eb(ref, 'is not', null);
        // lower() on both sides: case-insensitive alike on SQLite and PostgreSQL (ASCII on SQLite, as its like is).
        else if (plan.op === 'contains') e = sql<SqlBool>`lower(${eb.ref(ref)}) like ${'%' + escapeLike(String(plan.value)) + '%'} escape '\\'`;
        else e = eb(ref, OPERATORS[plan.op], plan.value as never);
        if (plan.guardNull) return eb.and([eb(ref, 'is not', null), e]);
        if (plan.orNull) return eb.or([eb(ref, 'is', null), e]);
        return e;
      };
    }
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}
