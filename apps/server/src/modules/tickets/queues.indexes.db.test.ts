import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, AgentIdentity } from '../../platform/actor.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeGroup, makeTicket, signIn } from '../../../test/factories.ts';
import { scopeOnSortIndex } from './tickets.policy.ts';
import { ticketFilters } from './tickets.queries.ts';
import { compileTicketFilter, filterWhere } from './filter/ticket-filter.repository.ts';
import { expectPagesWalkTicketsUpdated, queryPlan } from '../../../test/query-plan.ts';
import { BUILTIN_QUEUE_VIEWS, QUEUE_COUNT_CAP, queueFilter, type QueueView } from './queues.ts';
import { ticketCountQuery, ticketPageQuery } from './ticket-lists.repository.ts';

// Every queue view must be served by an index, never by reading the whole tickets table.
// SQLite (a rule-based choice, no statistics): the plan uses one of the indexes the view names.
// PostgreSQL (a cost-based choice that depends on the data): with sequential scans priced out
// (enable_seqscan=off), the plan reads tickets through some index, never "Seq Scan on tickets".

let t: TestApp;
let agent: AgentIdentity;
let actor: Actor;
// An analyst only (not a manager): their visibility scope is an OR over indexed columns, which
// SQLite would otherwise serve with a MULTI-INDEX OR and a sort.
let analyst: AgentIdentity;
let analystActor: Actor;
let analystEmail: string;

beforeAll(async () => {
  t = await createTestApp();
  const [a, b] = [await makeGroup(t), await makeGroup(t)];
  const person = await makeAgent(t, { roles: ['analyst', 'supervisor', 'manager'], groupIds: [a, b] });
  agent = { id: person.agentId!, name: 'x', roles: new Set(['analyst', 'supervisor', 'manager']), groupIds: [a, b] };
  actor = { kind: 'user', userId: person.userId!, email: person.email, locale: 'en', mustChangePassword: false, agent, contact: null, via: 'session' };
  const plain = await makeAgent(t, { roles: ['analyst'], groupIds: [a, b] });
  analyst = { id: plain.agentId!, name: 'y', roles: new Set(['analyst']), groupIds: [a, b] };
  analystEmail = plain.email;
  analystActor = { kind: 'user', userId: plain.userId!, email: plain.email, locale: 'en', mustChangePassword: false, agent: analyst, contact: null, via: 'session' };
  for (let i = 0; i < 50; i++) await makeTicket(t, { groupId: i % 2 ? a : b, status: ['new', 'open', 'resolved', 'pending_customer'][i % 4]! });
  if (t.dialect === 'postgres') await t.ctx.db.executeQuery(CompiledQuery.raw('analyze tickets'));
});
afterAll(() => t.destroy());

describe('queue view indexes', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('every index a view names exists', async () => {
    const sqlText = t.dialect === 'sqlite' ? "select name from sqlite_master where type = 'index' and tbl_name = 'tickets'" : "select indexname as name from pg_indexes where tablename = 'tickets'";
    const names = (await t.ctx.db.executeQuery<{ name: string }>(CompiledQuery.raw(sqlText))).rows.map((r) => r.name);
    for (const view of BUILTIN_QUEUE_VIEWS) for (const ix of view.indexes) expect(names, `${view.name}: ${ix}`).toContain(ix);
  });

  for (const view of BUILTIN_QUEUE_VIEWS) {
    it(`${view.name} reads tickets through an index`, async () => {
      expect(view.indexes.length).toBeGreaterThan(0);
      const query = t.ctx.db
        .selectFrom('tickets')
        .select(['tickets.id'])
        .where(filterWhere(queueFilter(view, agent), { actor, now: t.clock.now() }))
        .compile();
      const text = await queryPlan(t, query);
      expect(text, text).not.toMatch(t.dialect === 'sqlite' ? /SCAN tickets\b/ : /Seq Scan on tickets/);
      if (t.dialect === 'sqlite') expect(view.indexes.some((ix) => new RegExp(`\\b${ix}\\b`).test(text)), `${view.name} should use one of ${view.indexes.join(', ')}:\n${text}`).toBe(true);
    });
  }
});

/** The analyst's page of a view as GET /queues/:name/tickets builds it in the default sort (first, or after a cursor). */
function pageQuery(view: QueueView, after?: { value: number; id: number }) {
  const where = compileTicketFilter(queueFilter(view, analyst), { actor: analystActor, now: t.clock.now() });
  return ticketPageQuery(t.ctx.db, where, { key: 'updated_at', direction: 'desc', after, walkSortIndex: view.walkSortIndex }, 26).compile();
}

/** The analyst's sidebar count of a view as GET /queues builds it. */
function countQuery(view: QueueView) {
  const where = compileTicketFilter(queueFilter(view, analyst), { actor: analystActor, now: t.clock.now() });
  return ticketCountQuery(t.ctx.db, where, QUEUE_COUNT_CAP + 1).compile();
}

// Views whose matches are many and spread over time walk the sort index in the default sort and
// stop at the page (ADR 0027): no sort of every match. Their counts keep the filter's index.
describe('queue pages that walk the sort index', () => {
  const walked = BUILTIN_QUEUE_VIEWS.filter((v) => v.walkSortIndex);

  it('pending, referred_elsewhere and open_in_my_groups are among them', () => {
    expect(walked.map((v) => v.name)).toEqual(expect.arrayContaining(['pending', 'referred_elsewhere', 'open_in_my_groups']));
  });

  it('tickets_updated is (updated_at, id) followed by every column the walked views and the visibility scope test', async () => {
    // Walking it, SQLite tests those conditions on the index entry and reads a ticket row only for
    // a match (migration 202612042100): thousands of non-matching tickets on top stay cheap.
    const sqlText =
      t.dialect === 'sqlite'
        ? "select name from pragma_index_info('tickets_updated') order by seqno"
        : "select a.attname as name from pg_index i join pg_class c on c.oid = i.indexrelid join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey) where c.relname = 'tickets_updated' order by array_position(i.indkey, a.attnum)";
    const columns = (await t.ctx.db.executeQuery<{ name: string }>(CompiledQuery.raw(sqlText))).rows.map((r) => r.name);
    expect(columns.slice(0, 2)).toEqual(['updated_at', 'id']);
    expect(columns).toEqual(expect.arrayContaining(['status', 'assignee_group_id', 'assignee_agent_id', 'owner_group_id', 'owner_agent_id']));
  });

  for (const view of walked) {
    it(`${view.name}: the first and a deep page walk tickets_updated without sorting`, async () => {
      for (const compiled of [pageQuery(view), pageQuery(view, { value: t.clock.now(), id: 1_000_000 })]) {
        const text = await queryPlan(t, compiled);
        if (t.dialect === 'sqlite') {
          expect(text, text).toMatch(/(SCAN|SEARCH) tickets USING INDEX tickets_updated\b/);
          expect(text, text).not.toMatch(/TEMP B-TREE/);
        } else {
          expect(text, text).not.toMatch(/Seq Scan on tickets/);
        }
      }
    });

    it(`${view.name}: a deep page seeks tickets_updated to the cursor`, async () => {
      if (t.dialect !== 'sqlite') return;
      const text = await queryPlan(t, pageQuery(view, { value: t.clock.now(), id: 1_000_000 }));
      expect(text, text).toMatch(/SEARCH tickets USING INDEX tickets_updated \(updated_at<\?\)/);
    });
  }

  for (const view of BUILTIN_QUEUE_VIEWS) {
    it(`${view.name}: the capped count reads through the filter's index, not the sort index`, async () => {
      const text = await queryPlan(t, countQuery(view));
      expect(text, text).not.toMatch(t.dialect === 'sqlite' ? /SCAN tickets\b/ : /Seq Scan on tickets/);
      if (t.dialect === 'sqlite') expect(text, text).not.toMatch(/tickets_updated\b/);
    });
  }
});

// GET /tickets with no filter in the default sort (the workspace's first list) walks the sort index
// for a reader whose scope the index entry answers (tickets.routes.ts, scopeOnSortIndex).
describe('the unfiltered ticket list', () => {
  it('walks only for scopes on tickets_updated: desk workers and managers, not contacts or crm agents', () => {
    const user = analystActor as Extract<Actor, { kind: 'user' }>;
    const contactSide = { id: 1, organizationId: null, organizationShares: false };
    const crm: Actor = { ...user, agent: { ...analyst, roles: new Set(['analyst', 'crm']) } };
    const contact: Actor = { ...user, agent: null, contact: contactSide };
    const both: Actor = { ...user, contact: contactSide };
    expect([analystActor, actor, crm, contact, both].map(scopeOnSortIndex)).toEqual([true, true, false, false, false]);
  });

  it('an analyst’s first and a deep page walk tickets_updated without sorting', async () => {
    const where = compileTicketFilter(ticketFilters({}), { actor: analystActor, now: t.clock.now() });
    await expectPagesWalkTicketsUpdated(t, where);
  });

  it('answers the same pages walked as sorted', async () => {
    const client = await signIn(t.app, analystEmail);
    const walked: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await client.get(`/api/v1/tickets?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: Array<{ id: number }>; nextCursor: string | null };
      walked.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    const where = compileTicketFilter(ticketFilters({}), { actor: analystActor, now: t.clock.now() });
    const sorted = await ticketPageQuery(t.ctx.db, where, { key: 'updated_at', direction: 'desc' }, 1000).execute();
    expect(walked).toEqual(sorted.map((r) => r.id));
    expect(walked.length).toBe(50);
  });
});
