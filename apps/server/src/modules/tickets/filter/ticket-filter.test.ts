import fc from 'fast-check';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { TicketFilter, TICKET_FILTER_LIMITS } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { DB } from '../../../schema.ts';
import { checkTicketFilter, parseTicketFilter } from './check.ts';
import { extendTicketFilterFields, ticketFilterFields, timeField, type TicketFilterField } from './fields.ts';
import { planTicketFilter, type FilterPlan } from './plan.ts';
import { compileTicketFilter, filterWhere } from './ticket-filter.repository.ts';

const compilers = {
  sqlite: () => ({ createAdapter: () => new SqliteAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (db: Kysely<any>) => new SqliteIntrospector(db), createQueryCompiler: () => new SqliteQueryCompiler() }),
  postgres: () => ({ createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (db: Kysely<any>) => new PostgresIntrospector(db), createQueryCompiler: () => new PostgresQueryCompiler() }),
};
const dbs = Object.entries(compilers).map(([name, dialect]) => [name, new Kysely<DB>({ dialect: dialect() })] as const);

const agent: Actor = {
  kind: 'user',
  userId: 1,
  email: 'a@example.test',
  locale: 'en',
  mustChangePassword: false,
  agent: { id: 7, name: 'A', roles: new Set(['analyst']), groupIds: [3, 4] },
  contact: { id: 9, organizationId: null, organizationShares: false },
  via: 'session',
};
const NOW = Date.UTC(2026, 5, 1);
const context = { actor: agent, now: NOW };

/** A valid value for a field and operator (what the checker must accept). */
function valueFor(field: TicketFilterField, op: string): fc.Arbitrary<unknown> {
  const scalar: fc.Arbitrary<unknown> = (() => {
    switch (field.kind) {
      case 'enum':
        return fc.constantFrom(...field.values!);
      case 'integer':
        return fc.integer({ min: field.min!, max: Math.min(field.max!, 1_000_000) });
      case 'id':
        return field.me ? fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant('@me')) : fc.integer({ min: 1, max: 1000 });
      case 'tag':
        return fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '');
      case 'presence':
        return fc.boolean();
      case 'time':
        return fc.integer({ min: 0, max: 4_000_000_000_000 }).map((ms) => new Date(ms).toISOString());
      case 'text':
        return fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
      case 'custom':
        throw new Error('the base field table has no custom field');
    }
  })();
  switch (op) {
    case 'in':
    case 'not_in': {
      const list = fc.array(scalar, { maxLength: 5 });
      return field.myGroups ? fc.oneof(list, fc.constant('@my_groups')) : list;
    }
    case 'older_than':
    case 'newer_than':
    case 'sooner_than':
    case 'later_than':
      return fc.record({ amount: fc.integer({ min: 1, max: 1_000_000 }), unit: fc.constantFrom('minutes', 'hours', 'days') });
    default:
      return scalar;
  }
}

const condition: fc.Arbitrary<TicketFilter> = fc.constantFrom(...Object.keys(ticketFilterFields)).chain((name) => {
  const field = ticketFilterFields[name]!;
  return fc.constantFrom(...field.ops).chain((op) =>
    op === 'is_null' || op === 'is_not_null' ? fc.constant({ field: name, op }) : valueFor(field, op).map((value) => ({ field: name, op, value }) as TicketFilter),
  );
});

/** Valid filters of at most `depth` levels and 50 conditions. */
function filterOf(depth: number): fc.Arbitrary<TicketFilter> {
  return fc
    .letrec<{ node: TicketFilter }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', maxDepth: depth - 1 },
        condition,
        fc.array(tie('node'), { maxLength: 3 }).map((all) => ({ all })),
        fc.array(tie('node'), { maxLength: 3 }).map((any) => ({ any })),
        tie('node').map((not) => ({ not })),
      ),
    }))
    .node.filter((f) => conditions(f) <= TICKET_FILTER_LIMITS.conditions);
}
const conditions = (f: TicketFilter): number =>
  'all' in f ? f.all.reduce((n, g) => n + conditions(g), 0) : 'any' in f ? f.any.reduce((n, g) => n + conditions(g), 0) : 'not' in f ? conditions(f.not) : 1;
const filter = filterOf(TICKET_FILTER_LIMITS.depth);

function refusal(run: () => unknown): { code: string; field: unknown } {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, field: e.details.field };
    throw e;
  }
  throw new Error('accepted');
}

describe('ticket filter language', () => {
  it('every generated valid filter matches the contract schema, passes the checker and compiles on both dialects', () => {
    fc.assert(
      fc.property(filter, (f) => {
        expect(Value.Check(TicketFilter, f)).toBe(true);
        expect(checkTicketFilter(f, ticketFilterFields)).toBe(f);
        for (const [, db] of dbs) {
          const compiled = db.selectFrom('tickets').select('tickets.id').where(compileTicketFilter(f, context)).compile();
          expect(compiled.sql).toMatch(/^select "tickets"\."id" from "tickets" where /);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an unknown field, an operator the field does not take, and a value of the wrong type, naming the path', () => {
    const cases: Array<[unknown, string]> = [
      [{ field: 'nope', op: 'eq', value: 1 }, 'filter.field'],
      [{ all: [{ field: 'status', op: 'gt', value: 'new' }] }, 'filter.all[0].op'],
      [{ any: [{ field: 'status', op: 'eq', value: 'open' }, { field: 'status', op: 'eq', value: 'nope' }] }, 'filter.any[1].value'],
      [{ not: { field: 'priority', op: 'eq', value: '1' } }, 'filter.not.value'],
      [{ field: 'priority', op: 'in', value: [1, 9] }, 'filter.value[1]'],
      [{ field: 'assignee', op: 'is_null', value: null }, 'filter.value'],
      [{ field: 'assignee', op: 'eq' }, 'filter.value'],
      [{ field: 'organization', op: 'eq', value: '@me' }, 'filter.value'],
      [{ field: 'requester', op: 'in', value: '@my_groups' }, 'filter.value'],
      [{ field: 'created_at', op: 'gte', value: 'yesterday' }, 'filter.value'],
      [{ field: 'created_at', op: 'is_null' }, 'filter.op'],
      [{ field: 'updated_at', op: 'older_than', value: { amount: 3, unit: 'business_days' } }, 'filter.value'],
      [{ field: 'title', op: 'contains', value: '  ' }, 'filter.value'],
      [{ field: 'escalation_acknowledged', op: 'eq', value: 'yes' }, 'filter.value'],
      [{ field: 'status', op: 'like', value: 'x' }, 'filter.op'],
      [{ field: 'status', op: 'eq', value: 'new', extra: 1 }, 'filter.extra'],
      [{ all: [1] }, 'filter.all[0]'],
      [{ all: {} }, 'filter.all'],
      [{ all: [], any: [] }, 'filter.all'],
      [[], 'filter'],
      [{ field: 'constructor', op: 'eq', value: 1 }, 'filter.field'],
    ];
    for (const [f, path] of cases) expect(refusal(() => checkTicketFilter(f, ticketFilterFields)), JSON.stringify(f)).toEqual({ code: 'request.invalid', field: path });
  });

  it('refuses generated filters with one condition broken', () => {
    const broken = filterOf(TICKET_FILTER_LIMITS.depth - 2).chain((f) =>
      fc.constantFrom<[TicketFilter, string]>(
        [{ all: [f, { field: 'no_such_field', op: 'eq', value: 1 }] }, 'filter.all[1].field'],
        [{ any: [{ field: 'title', op: 'eq', value: 'x' }, f] }, 'filter.any[0].op'],
        [{ all: [f, { not: { field: 'priority', op: 'lt', value: 'high' } }] }, 'filter.all[1].not.value'],
      ),
    );
    fc.assert(
      fc.property(broken, ([f, path]) => {
        expect(refusal(() => checkTicketFilter(f, ticketFilterFields))).toEqual({ code: 'request.invalid', field: path });
      }),
      { numRuns: 100 },
    );
  });

  it('bounds depth and conditions', () => {
    let deep: TicketFilter = { field: 'status', op: 'eq', value: 'new' };
    for (let i = 1; i < TICKET_FILTER_LIMITS.depth; i++) deep = { not: deep };
    expect(checkTicketFilter(deep, ticketFilterFields)).toBe(deep);
    expect(refusal(() => checkTicketFilter({ not: deep }, ticketFilterFields)).field).toBe('filter.not.not.not.not.not');
    const many = (n: number) => ({ all: Array.from({ length: n }, () => ({ field: 'priority', op: 'eq', value: 1 }) as TicketFilter) });
    expect(checkTicketFilter(many(50), ticketFilterFields)).toBeTruthy();
    expect(refusal(() => checkTicketFilter({ any: [many(30), many(21)] }, ticketFilterFields)).field).toBe('filter.any[1].all[20]');
  });

  it('parses the JSON of the filter parameter; bad JSON is a 400 naming the parameter', () => {
    expect(parseTicketFilter('{"field":"status","op":"eq","value":"new"}', ticketFilterFields)).toEqual({ field: 'status', op: 'eq', value: 'new' });
    expect(refusal(() => parseTicketFilter('{"field":', ticketFilterFields))).toEqual({ code: 'request.invalid', field: 'filter' });
  });

  it('resolves references, relative times and tags for the reader', () => {
    const plan = (f: TicketFilter, actor: Actor = agent): FilterPlan => planTicketFilter(checkTicketFilter(f, ticketFilterFields), ticketFilterFields, { actor, now: NOW });
    expect(plan({ field: 'assignee', op: 'eq', value: '@me' })).toEqual({ kind: 'column', column: 'assignee_agent_id', op: 'eq', value: 7 });
    expect(plan({ field: 'requester', op: 'eq', value: '@me' })).toMatchObject({ value: 9 });
    expect(plan({ field: 'group', op: 'in', value: '@my_groups' })).toMatchObject({ op: 'in', value: [3, 4] });
    expect(plan({ field: 'owner_agent', op: 'in', value: ['@me', 7, 8] })).toMatchObject({ value: [7, 8] });
    const anonymous: Actor = { kind: 'anonymous', locale: 'en' };
    expect(plan({ field: 'group', op: 'in', value: '@my_groups' }, anonymous)).toEqual({ kind: 'const', value: false });
    expect(plan({ field: 'group', op: 'not_in', value: '@my_groups' }, anonymous)).toEqual({ kind: 'const', value: true });
    expect(plan({ field: 'assignee', op: 'eq', value: '@me' }, anonymous)).toEqual({ kind: 'const', value: false });
    expect(plan({ field: 'resolved_at', op: 'newer_than', value: { amount: 7, unit: 'days' } })).toMatchObject({ op: 'gte', value: NOW - 7 * 86_400_000 });
    expect(plan({ field: 'updated_at', op: 'older_than', value: { amount: 90, unit: 'minutes' } })).toMatchObject({ op: 'lt', value: NOW - 90 * 60_000 });
    // Into the future (due times): sooner_than is before now + amount, later_than at or after it.
    expect(plan({ field: 'sla_due', op: 'sooner_than', value: { amount: 2, unit: 'hours' } })).toMatchObject({ op: 'lt', value: NOW + 2 * 3_600_000 });
    expect(plan({ field: 'sla_due', op: 'later_than', value: { amount: 1, unit: 'days' } })).toMatchObject({ op: 'gte', value: NOW + 86_400_000 });
    expect(plan({ field: 'created_at', op: 'gte', value: '2026-01-01T03:30:00+03:30' })).toMatchObject({ value: Date.UTC(2026, 0, 1) });
    expect(plan({ field: 'tag', op: 'in', value: [' VPN ', 'vpn', 'شبکه۱'] })).toEqual({ kind: 'tag', tags: ['vpn', 'شبکه1'], negated: false });
    expect(plan({ field: 'escalation_acknowledged', op: 'eq', value: false })).toMatchObject({ column: 'escalation_acknowledged_at', op: 'is_null' });
    expect(plan({ field: 'escalation_acknowledged', op: 'neq', value: false })).toMatchObject({ op: 'is_not_null' });
  });

  it('keeps every condition two-valued: neq includes unset values, and under not a comparison needs a set value', () => {
    const plan = (f: TicketFilter) => planTicketFilter(f, ticketFilterFields, context);
    expect(plan({ field: 'assignee', op: 'neq', value: 5 })).toMatchObject({ orNull: true });
    expect(plan({ field: 'priority', op: 'neq', value: 1 })).not.toHaveProperty('orNull');
    expect(plan({ field: 'assignee', op: 'eq', value: 5 })).not.toHaveProperty('guardNull');
    expect(plan({ not: { any: [{ field: 'assignee', op: 'eq', value: 5 }] } })).toMatchObject({ item: { items: [{ guardNull: true }] } });
    const [, sqlite] = dbs[0]!;
    const text = sqlite.selectFrom('tickets').select('id').where(filterWhere({ not: { field: 'resolved_at', op: 'lt', value: '2026-01-01T00:00:00Z' } }, context)).compile().sql;
    expect(text).toContain('not ("tickets"."resolved_at" is not null and "tickets"."resolved_at" < ?)');
  });

  it('matches title text case-insensitively with like wildcards taken literally', () => {
    for (const [, db] of dbs) {
      const compiled = db.selectFrom('tickets').select('id').where(filterWhere({ field: 'title', op: 'contains', value: ' VPN_100% ' }, context)).compile();
      expect(compiled.sql).toMatch(/lower\("tickets"\."title"\) like (\?|\$1) escape '\\'/);
      expect(compiled.parameters).toEqual(['%vpn\\_100\\%%']);
    }
  });

  it('always scopes to the reader: an anonymous reader compiles to nothing visible', () => {
    const [, sqlite] = dbs[0]!;
    const compiled = sqlite.selectFrom('tickets').select('id').where(compileTicketFilter({ all: [] }, { actor: { kind: 'anonymous', locale: 'en' }, now: NOW })).compile();
    expect(compiled.sql).toContain('where (false and true)');
  });

  it('takes more fields at registration, never a name twice', () => {
    const fields = extendTicketFilterFields(ticketFilterFields, { closed_at: timeField('closed_at', true) });
    expect(checkTicketFilter({ field: 'closed_at', op: 'is_null' }, fields)).toBeTruthy();
    expect(refusal(() => checkTicketFilter({ field: 'closed_at', op: 'is_null' }, ticketFilterFields)).field).toBe('filter.field');
    expect(() => extendTicketFilterFields(ticketFilterFields, { status: timeField('closed_at', true) })).toThrow(/twice/);
    expect(Object.isFrozen(ticketFilterFields)).toBe(true);
  });
});
