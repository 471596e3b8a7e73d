import type { TicketFilter } from '@pishkhan/contracts';
import { agentSideOf, contactSideOf, isTrustedSystem, type Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../context.ts';
import { visibleTickets, type TicketFilterContext, type TicketFilterFields, type TicketQueryCompiler, type TicketWhere } from '../tickets/index.ts';
import { compileQuery } from './compile-query.ts';
import { formatQuery, QueryParseError } from './query-language.ts';
import { badQuery, parseOrRefuse, resolverFor, STATUS_VALUES, textQueryOf, TYPE_VALUES } from './search.queries.ts';

/**
 * The filter language's `text` field (`{ field: 'text', op: 'contains', value: 'چاپگر -اسکنر' }`),
 * contributed to tickets through registerTickets' filterFields: the same engine as /search, as a
 * sub-select of matching ticket ids. Internal notes match only where the reader sees the ticket as
 * the desk. Words, phrases, -word, word* and #number; fields belong to the filter itself. The
 * driver chooses the condition's form (`ticketMatch`: a set, or a probe where the words are common).
 */
export function searchFilterFields(ctx: Pick<AppContext, 'search' | 'db'>): TicketFilterFields {
  return {
    text: { kind: 'custom', column: null, nullable: false, ops: ['contains'], compile: (value, context) => textWhere(ctx, value, context) },
  };
}

function textWhere({ search: index, db }: Pick<AppContext, 'search' | 'db'>, value: string, context: TicketFilterContext): TicketWhere {
  const parsed = parseOrRefuse(value);
  const text = textQueryOf(value);
  const numbers = parsed.nodes.filter((n) => n.kind === 'number');
  const wanted = numbers.filter((n) => !n.negated).map((n) => n.value);
  const unwanted = numbers.filter((n) => n.negated).map((n) => n.value);
  const hasText = text.must.length > 0 || text.mustNot.length > 0;
  const actor = context.actor;
  const agent = agentSideOf(actor);
  const contact = contactSideOf(actor);
  const deskOnly: Actor = actor.kind === 'user' ? { ...actor, contact: null } : actor;
  return (eb) => {
    const parts = [];
    if (hasText) {
      const all = index.ticketMatch(db, eb.ref('tickets.id'), text, true);
      const open = index.ticketMatch(db, eb.ref('tickets.id'), text, false);
      if (isTrustedSystem(actor) || (agent && !contact)) parts.push(all);
      else if (agent) parts.push(eb.or([eb.and([all, visibleTickets(deskOnly)(eb)]), open]));
      else parts.push(open);
    }
    if (wanted.length) parts.push(eb('tickets.number', 'in', wanted));
    if (unwanted.length) parts.push(eb('tickets.number', 'not in', unwanted));
    return parts.length ? eb.and(parts) : eb.lit(false);
  };
}

/**
 * `GET /api/v1/tickets?q=`: the query language as one filter — its fields and numbers as
 * conditions (names looked up), its words as a `text` condition. (No typo widening here: the list
 * keeps its sort; /search ranks and widens.)
 */
export const compileTicketQuery: TicketQueryCompiler = async (ctx, _actor, q) => {
  const parsed = parseOrRefuse(q);
  try {
    const compiled = await compileQuery(parsed, resolverFor(ctx), { statuses: STATUS_VALUES, types: TYPE_VALUES });
    const words = parsed.nodes.filter((n) => n.kind === 'word' || n.kind === 'phrase');
    const all: TicketFilter[] = [...compiled.conditions];
    if (words.length) {
      const value = formatQuery({ nodes: words });
      await ctx.search.measureTicketMatch(ctx.db, textQueryOf(value));
      all.push({ field: 'text', op: 'contains', value });
    }
    return { all };
  } catch (error) {
    if (error instanceof QueryParseError) throw badQuery(error);
    throw error;
  }
};
