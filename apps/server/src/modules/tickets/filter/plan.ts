import type { TicketFilter, TicketFilterCondition } from '@pishkhan/contracts';
import { agentSideOf, contactSideOf, type Actor } from '../../../platform/actor.ts';
import { normalizeTag } from '../ticket-fields.ts';
import type { TicketColumn, TicketFilterField, TicketFilterFields } from './fields.ts';
import type { TicketWhere } from './ticket-filter.repository.ts';

/** Who reads and when: what `@me`, `@my_groups` and relative times stand for. */
export interface TicketFilterContext {
  actor: Actor;
  now: number;
}

export type ColumnOp = 'eq' | 'neq' | 'in' | 'not_in' | 'is_null' | 'is_not_null' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains';

/**
 * A checked filter with every reference, relative time and tag resolved for one reader: what the
 * SQL compiler (ticket-filter.repository.ts) turns into a where-expression, one node for one node.
 * Every node is two-valued (true or false, never SQL NULL), so `not` means what it says:
 * `neq` / `not_in` on a column that may be unset include the unset rows (`orNull`), and under a
 * `not` a comparison on such a column first requires it to be set (`guardNull`).
 */
export type FilterPlan =
  | { kind: 'all'; items: FilterPlan[] }
  | { kind: 'any'; items: FilterPlan[] }
  | { kind: 'not'; item: FilterPlan }
  | { kind: 'const'; value: boolean }
  | { kind: 'column'; column: TicketColumn; op: ColumnOp; value?: string | number | ReadonlyArray<string | number>; orNull?: boolean; guardNull?: boolean }
  | { kind: 'tag'; tags: readonly string[]; negated: boolean }
  | { kind: 'custom'; where: TicketWhere };

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/** Resolves a filter that checkTicketFilter accepted, for this reader at this time. */
export function planTicketFilter(filter: TicketFilter, fields: TicketFilterFields, context: TicketFilterContext): FilterPlan {
  return plan(filter, fields, context, false);
}

function plan(node: TicketFilter, fields: TicketFilterFields, context: TicketFilterContext, negated: boolean): FilterPlan {
  if ('all' in node) return { kind: 'all', items: node.all.map((n) => plan(n, fields, context, negated)) };
  if ('any' in node) return { kind: 'any', items: node.any.map((n) => plan(n, fields, context, negated)) };
  if ('not' in node) return { kind: 'not', item: plan(node.not, fields, context, true) };
  return condition(node, fields[node.field]!, context, negated);
}

function condition(c: TicketFilterCondition, field: TicketFilterField, context: TicketFilterContext, negated: boolean): FilterPlan {
  const { op } = c;
  if (field.kind === 'tag') {
    const tags = [...new Set((Array.isArray(c.value) ? c.value : [c.value]).map((t) => normalizeTag(String(t))))];
    const without = op === 'neq' || op === 'not_in';
    return tags.length ? { kind: 'tag', tags, negated: without } : { kind: 'const', value: without };
  }
  if (field.compile) return { kind: 'custom', where: field.compile(c.value as string, context) };
  const column = field.column!;
  if (field.kind === 'presence') {
    const set = (op === 'eq') === (c.value === true);
    return { kind: 'column', column, op: set ? 'is_not_null' : 'is_null' };
  }
  if (op === 'is_null' || op === 'is_not_null') return { kind: 'column', column, op };
  const guardNull = negated && field.nullable ? { guardNull: true } : {};
  const orNull = field.nullable ? { orNull: true } : {};
  switch (op) {
    case 'eq':
    case 'neq': {
      const value = scalar(field, c.value, context);
      if (value === undefined) return { kind: 'const', value: op === 'neq' };
      return { kind: 'column', column, op, value, ...(op === 'eq' ? guardNull : orNull) };
    }
    case 'in':
    case 'not_in': {
      const values = list(field, c.value, context);
      if (!values.length) return { kind: 'const', value: op === 'not_in' };
      return { kind: 'column', column, op, value: values, ...(op === 'in' ? guardNull : orNull) };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { kind: 'column', column, op, value: field.kind === 'time' ? Date.parse(c.value as string) : (c.value as number), ...guardNull };
    case 'older_than':
    case 'newer_than':
    case 'sooner_than':
    case 'later_than': {
      const { amount, unit } = c.value as { amount: number; unit: keyof typeof UNIT_MS };
      const past = op === 'older_than' || op === 'newer_than';
      const at = context.now + (past ? -1 : 1) * amount * UNIT_MS[unit];
      return { kind: 'column', column, op: op === 'older_than' || op === 'sooner_than' ? 'lt' : 'gte', value: at, ...guardNull };
    }
    case 'contains':
      return { kind: 'column', column, op, value: (c.value as string).trim().toLowerCase(), ...guardNull };
  }
}

/** One value with `@me` resolved; undefined when the reader has no such id. */
function scalar(field: TicketFilterField, value: unknown, context: TicketFilterContext): string | number | undefined {
  if (value === '@me') return field.me === 'contact' ? contactSideOf(context.actor)?.id : agentSideOf(context.actor)?.id;
  return value as string | number;
}

function list(field: TicketFilterField, value: unknown, context: TicketFilterContext): Array<string | number> {
  if (value === '@my_groups') return [...new Set(agentSideOf(context.actor)?.groupIds ?? [])];
  const items = (value as unknown[]).map((v) => scalar(field, v, context)).filter((v): v is string | number => v !== undefined);
  return [...new Set(items)];
}
