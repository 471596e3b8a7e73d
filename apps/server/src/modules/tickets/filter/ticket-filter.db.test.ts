import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketFilter } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { createTestApp, type TestApp } from '../../../../test/harness.ts';
import { makeAgent, makeContact, makeGroup, makeOrganization, makeTicket } from '../../../../test/factories.ts';
import { normalizeTag } from '../ticket-fields.ts';
import { ticketFilterFields, type TicketFilterField } from './fields.ts';
import { compileTicketFilter } from './ticket-filter.repository.ts';

// The compiled SQL means what the language says, on both dialects: random filters over random
// tickets select exactly the rows a plain evaluator of the documented semantics selects
// (two-valued: neq / not_in include unset values, comparisons never match an unset value).

let t: TestApp;
let actor: Actor;
const pools: Record<string, Array<number | string | null>> = {};
let rows: Array<Record<string, any>> = [];
const DAY = 86_400_000;
const TAGS = ['vpn', 'VPN ', 'mail', 'شبکه۱', 'printer'];
const TITLES = ['VPN down', 'printer jam', 'mail 100% full', 'new_laptop', 'vpn_slow'];

beforeAll(async () => {
  t = await createTestApp();
  const groups = [await makeGroup(t), await makeGroup(t), await makeGroup(t)];
  const agents = [
    await makeAgent(t, { roles: ['manager'], groupIds: [groups[0]!, groups[1]!] }),
    await makeAgent(t, { roles: ['analyst'], groupIds: [groups[2]!] }),
  ];
  const orgs = [await makeOrganization(t), await makeOrganization(t)];
  const contacts = [await makeContact(t, { organizationId: orgs[0]! }), await makeContact(t, { organizationId: orgs[1]! })];
  const agentIds = agents.map((a) => a.agentId!);
  const contactIds = contacts.map((c) => c.contactId!);
  actor = {
    kind: 'user',
    userId: agents[0]!.userId,
    email: agents[0]!.email,
    locale: 'en',
    mustChangePassword: false,
    agent: { id: agentIds[0]!, name: 'M', roles: new Set(['manager']), groupIds: [groups[0]!, groups[1]!] },
    contact: { id: contactIds[0]!, organizationId: orgs[0]!, organizationShares: false },
    via: 'session',
  };
  Object.assign(pools, { groups: [...groups, null], agents: [...agentIds, null], contacts: [...contactIds, null], orgs: [...orgs, null] });
  const now = t.clock.now();
  const times = [null, now - 10 * DAY, now - 2 * DAY, now - 3_600_000, now, now + DAY];
  const rand = fc.sample(
    fc.record({
      group: fc.constantFrom(...pools.groups!),
      owner_group: fc.constantFrom(...pools.groups!),
      agent: fc.constantFrom(...pools.agents!),
      owner_agent: fc.constantFrom(...pools.agents!),
      contact: fc.constantFrom(...pools.contacts!),
      org: fc.constantFrom(...pools.orgs!),
      status: fc.constantFrom('new', 'open', 'pending_customer', 'resolved', 'closed'),
      type: fc.constantFrom('incident', 'service_request'),
      channel: fc.constantFrom('portal', 'email', 'phone'),
      priority: fc.integer({ min: 1, max: 4 }),
      impact: fc.integer({ min: 1, max: 3 }),
      level: fc.integer({ min: 0, max: 2 }),
      ack: fc.constantFrom(...times),
      resolved: fc.constantFrom(...times),
      first: fc.constantFrom(...times),
      pending: fc.constantFrom(...times),
      created: fc.constantFrom(...times.slice(1, 4)),
      title: fc.constantFrom(...TITLES),
      tags: fc.subarray(TAGS.slice(2)),
    }),
    { numRuns: 40, seed: 42 },
  );
  for (const r of rand) {
    const { id } = await makeTicket(t, { groupId: r.group as number | null, ownerGroupId: r.owner_group as number | null, assigneeAgentId: r.agent as number | null, ownerAgentId: r.owner_agent as number | null, requesterContactId: r.contact as number | null, organizationId: r.org as number | null, status: r.status, title: r.title });
    await t.ctx.db
      .updateTable('tickets')
      .set({ type: r.type, channel: r.channel, priority: r.priority, impact: r.impact, escalation_level: r.level, escalation_acknowledged_at: r.ack, resolved_at: r.resolved, first_response_at: r.first, pending_until: r.pending, created_at: r.created!, updated_at: r.created! })
      .where('id', '=', id)
      .execute();
    if (r.tags.length) await t.ctx.db.insertInto('ticket_tags').values(r.tags.map((tag) => ({ ticket_id: id, tag, tag_normalized: normalizeTag(tag) }))).execute();
  }
  const tags = await t.ctx.db.selectFrom('ticket_tags').select(['ticket_id', 'tag_normalized']).execute();
  rows = (await t.ctx.db.selectFrom('tickets').selectAll().execute()).map((row) => ({ ...row, tags: tags.filter((g) => g.ticket_id === row.id).map((g) => g.tag_normalized) }));
  pools.times = times.filter((v) => v !== null);
});
afterAll(() => t.destroy());

const UNIT = { minutes: 60_000, hours: 3_600_000, days: DAY } as const;

/** The documented meaning of a filter for one row. */
function matches(f: TicketFilter, row: Record<string, any>, now: number): boolean {
  if ('all' in f) return f.all.every((g) => matches(g, row, now));
  if ('any' in f) return f.any.some((g) => matches(g, row, now));
  if ('not' in f) return !matches(f.not, row, now);
  const field = ticketFilterFields[f.field]!;
  const me = field.me === 'contact' ? actor.kind === 'user' && actor.contact?.id : actor.kind === 'user' && actor.agent?.id;
  const resolve = (v: unknown): unknown => (v === '@me' ? me : v);
  const list = (v: unknown): unknown[] => (v === '@my_groups' ? [...(actor.kind === 'user' ? actor.agent!.groupIds : [])] : (v as unknown[]).map(resolve));
  if (field.kind === 'tag') {
    const wanted = (Array.isArray(f.value) ? f.value : [f.value]).map((v) => normalizeTag(String(v)));
    const has = wanted.some((w) => row.tags.includes(w));
    return f.op === 'eq' || f.op === 'in' ? has : !has;
  }
  const v = row[field.column!];
  if (field.kind === 'presence') return (f.op === 'eq') === (f.value === true) ? v !== null : v === null;
  const x = field.kind === 'time' && typeof f.value === 'string' ? Date.parse(f.value) : f.value;
  switch (f.op) {
    case 'eq':
      return v !== null && v === resolve(x);
    case 'neq':
      return v === null || v !== resolve(x);
    case 'in':
      return v !== null && list(x).includes(v);
    case 'not_in':
      return v === null || !list(x).includes(v);
    case 'is_null':
      return v === null;
    case 'is_not_null':
      return v !== null;
    case 'gt':
      return v !== null && v > (x as number);
    case 'gte':
      return v !== null && v >= (x as number);
    case 'lt':
      return v !== null && v < (x as number);
    case 'lte':
      return v !== null && v <= (x as number);
    case 'contains':
      return String(v).toLowerCase().includes(String(x).trim().toLowerCase());
    case 'older_than':
    case 'newer_than':
    case 'sooner_than':
    case 'later_than': {
      const { amount, unit } = x as { amount: number; unit: keyof typeof UNIT };
      const past = f.op === 'older_than' || f.op === 'newer_than';
      const at = now + (past ? -1 : 1) * amount * UNIT[unit];
      return v !== null && (f.op === 'older_than' || f.op === 'sooner_than' ? v < at : v >= at);
    }
  }
}

/** Values drawn from what the tickets hold, so that conditions match some rows and not others. */
function valueFor(field: TicketFilterField, op: string): fc.Arbitrary<unknown> {
  const pick = (pool: Array<number | string | null>) => fc.constantFrom(...pool.filter((v) => v !== null));
  const column = field.column;
  const scalar: fc.Arbitrary<unknown> = (() => {
    switch (field.kind) {
      case 'enum':
        return fc.constantFrom(...field.values!);
      case 'integer':
        return column === 'number' ? fc.constantFrom(...rows.map((r) => r.number as number)) : fc.integer({ min: field.min!, max: Math.min(field.max!, 4) });
      case 'id': {
        const pool = column === 'assignee_group_id' || column === 'owner_group_id' ? pools.groups! : column === 'requester_contact_id' ? pools.contacts! : column === 'organization_id' ? pools.orgs! : column === 'category_id' ? [1] : pools.agents!;
        return field.me ? fc.oneof(pick(pool), fc.constant('@me')) : pick(pool);
      }
      case 'tag':
        return fc.constantFrom(...TAGS);
      case 'presence':
        return fc.boolean();
      case 'time':
        return pick(pools.times!).map((ms) => new Date(Number(ms) + 1).toISOString());
      case 'text':
        return fc.constantFrom('vpn', 'VPN', '100%', '_', 'jam', 'nothing');
      case 'custom':
        throw new Error('the base field table has no custom field');
    }
  })();
  if (op === 'in' || op === 'not_in') return field.myGroups ? fc.oneof(fc.array(scalar, { maxLength: 3 }), fc.constant('@my_groups')) : fc.array(scalar, { maxLength: 3 });
  if (op === 'older_than' || op === 'newer_than' || op === 'sooner_than' || op === 'later_than') return fc.record({ amount: fc.constantFrom(1, 2, 5, 30), unit: fc.constantFrom('minutes', 'hours', 'days') });
  return scalar;
}

const condition = (): fc.Arbitrary<TicketFilter> =>
  fc.constantFrom(...Object.keys(ticketFilterFields)).chain((name) => {
    const field = ticketFilterFields[name]!;
    return fc.constantFrom(...field.ops).chain((op) =>
      op === 'is_null' || op === 'is_not_null' ? fc.constant({ field: name, op }) : valueFor(field, op).map((value) => ({ field: name, op, value }) as TicketFilter),
    );
  });

const filters = (): fc.Arbitrary<TicketFilter> =>
  fc.letrec<{ node: TicketFilter }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      condition(),
      fc.array(tie('node'), { maxLength: 3 }).map((all) => ({ all })),
      fc.array(tie('node'), { maxLength: 3 }).map((any) => ({ any })),
      tie('node').map((not) => ({ not })),
    ),
  })).node;

describe('ticket filter SQL', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('selects exactly the rows the documented semantics select', async () => {
    const now = t.clock.now();
    expect(rows).toHaveLength(40);
    let partial = 0;
    await fc.assert(
      fc.asyncProperty(filters(), async (f) => {
        const got = (await t.ctx.db.selectFrom('tickets').select('tickets.id').where(compileTicketFilter(f, { actor, now })).orderBy('tickets.id').execute()).map((r) => r.id);
        const expected = rows.filter((r) => matches(f, r, now)).map((r) => r.id).sort((a, b) => a - b);
        expect(got, JSON.stringify(f)).toEqual(expected);
        if (expected.length > 0 && expected.length < rows.length) partial += 1;
      }),
      { numRuns: 250 },
    );
    // The draws are meaningful: many filters select some rows and leave others (about half of the
    // runs on average; a degenerate generator gives none). A quarter leaves room for the random seed:
    // 100 of 250 failed once at 95.
    expect(partial).toBeGreaterThan(62);
  });
});
