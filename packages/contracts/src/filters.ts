import { Type, type Static } from 'typebox';

/**
 * The one filter language for tickets: a tree of conditions `{ field, op, value }` joined by
 * `all` (and), `any` (or) and `not`. The ticket list (`filter` parameter), the queue views and
 * later saved views, search field syntax, SLA rules and triggers all select tickets with it.
 * The server (tickets module, filter/README.md) owns the fields and which operators and values
 * each accepts, checks the agreement of field, operator and value, compiles it to SQL and always
 * AND-s it with the reader's visibility. Later issues add fields and operators here and there.
 */

/** Every operator; each field accepts a subset (the server's field table says which). */
export const TICKET_FILTER_OPS = [
  'eq',
  'neq',
  'in',
  'not_in',
  'is_null',
  'is_not_null',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'older_than',
  'newer_than',
  'sooner_than',
  'later_than',
] as const;
export type TicketFilterOp = (typeof TICKET_FILTER_OPS)[number];

/** Calendar units of a relative time (business units arrive with the SLA issue). */
export const TICKET_FILTER_UNITS = ['minutes', 'hours', 'days'] as const;

/** Values that stand for the reader: their agent id (their contact id for `requester`), their groups' ids. */
export const TICKET_FILTER_REFERENCES = ['@me', '@my_groups'] as const;

/** Bounds of one filter: nesting depth (a condition alone is depth 1), conditions, items of a list. */
export const TICKET_FILTER_LIMITS = { depth: 5, conditions: 50, listItems: 100, text: 300 } as const;

/**
 * `{ amount, unit }` from the reader's now: into the past, `older_than` is before now − amount and
 * `newer_than` at or after it; into the future (due times), `sooner_than` is before now + amount
 * and `later_than` at or after it.
 */
export const TicketFilterRelativeTime = Type.Object(
  { amount: Type.Integer({ minimum: 1, maximum: 1_000_000 }), unit: Type.Enum(TICKET_FILTER_UNITS) },
  { additionalProperties: false },
);

const Scalar = Type.Union([Type.String({ maxLength: TICKET_FILTER_LIMITS.text }), Type.Number(), Type.Boolean()]);

/** A value: a scalar (ids and numbers as JSON numbers, times as ISO-8601 instants), a list, a reference or a relative time. */
export const TicketFilterValue = Type.Union([
  Scalar,
  Type.Array(Type.Union([Type.String({ maxLength: TICKET_FILTER_LIMITS.text }), Type.Number()]), { maxItems: TICKET_FILTER_LIMITS.listItems }),
  TicketFilterRelativeTime,
]);

/** One condition. `is_null` / `is_not_null` take no value; every other operator needs one. */
export const TicketFilterCondition = Type.Object(
  {
    field: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' }),
    op: Type.Enum(TICKET_FILTER_OPS),
    value: Type.Optional(TicketFilterValue),
  },
  { additionalProperties: false },
);
export type TicketFilterCondition = Static<typeof TicketFilterCondition>;

/**
 * A filter: a condition, or `{ all: [...] }` (every one; empty = everything), `{ any: [...] }`
 * (at least one; empty = nothing), `{ not: filter }`. At most TICKET_FILTER_LIMITS.depth deep
 * and TICKET_FILTER_LIMITS.conditions conditions (the server refuses deeper or larger ones).
 */
export const TicketFilter = Type.Cyclic(
  {
    TicketFilter: Type.Union([
      TicketFilterCondition,
      Type.Object({ all: Type.Array(Type.Ref('TicketFilter'), { maxItems: TICKET_FILTER_LIMITS.conditions }) }, { additionalProperties: false }),
      Type.Object({ any: Type.Array(Type.Ref('TicketFilter'), { maxItems: TICKET_FILTER_LIMITS.conditions }) }, { additionalProperties: false }),
      Type.Object({ not: Type.Ref('TicketFilter') }, { additionalProperties: false }),
    ]),
  },
  'TicketFilter',
);
export type TicketFilter = Static<typeof TicketFilter>;
