import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, AgentIdentity } from '../../platform/actor.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { queryPlan } from '../../../test/query-plan.ts';
import { makeAgent, makeGroup, makeOrganization, makeTicket } from '../../../test/factories.ts';
import { compileTicketFilter, filterWhere } from './filter/ticket-filter.repository.ts';
import { QUEUE_COUNT_CAP, queueFilter, type QueueView } from './queues.ts';
import { ROLE_QUEUE_VIEWS } from './role-queues.ts';
import { ticketCountQuery, ticketPageQuery } from './ticket-lists.repository.ts';

// The role queues are served by an index like the group queues (queues.indexes.db.test.ts):
// SQLite's plan names one of the view's indexes; PostgreSQL, with sequential scans priced out,
// never reads tickets by "Seq Scan".
let t: TestApp;
let agent: AgentIdentity;
let actor: Actor;

beforeAll(async () => {
  t = await createTestApp();
  const [a, b] = [await makeGroup(t), await makeGroup(t)];
  const person = await makeAgent(t, { roles: ['manager', 'crm'], groupIds: [a] });
  agent = { id: person.agentId!, name: 'x', roles: new Set(['manager', 'crm']), groupIds: [a] };
  actor = { kind: 'user', userId: person.userId!, email: person.email, locale: 'en', mustChangePassword: false, agent, contact: null, via: 'session' };
  const org = await makeOrganization(t, { accountManagerId: person.agentId! });
  for (let i = 0; i < 50; i++) await makeTicket(t, { groupId: i % 2 ? a : b, organizationId: i % 3 ? org : null, status: ['new', 'open', 'resolved', 'pending_customer'][i % 4]! });
  if (t.dialect === 'postgres') await t.ctx.db.executeQuery(CompiledQuery.raw('analyze tickets'));
});
afterAll(() => t.destroy());

const plan = (compiled: CompiledQuery) => queryPlan(t, compiled);

describe('role queue indexes', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('every index a role view names exists', async () => {
    const sqlText = t.dialect === 'sqlite' ? "select name from sqlite_master where type = 'index' and tbl_name = 'tickets'" : "select indexname as name from pg_indexes where tablename = 'tickets'";
    const names = (await t.ctx.db.executeQuery<{ name: string }>(CompiledQuery.raw(sqlText))).rows.map((r) => r.name);
    for (const view of ROLE_QUEUE_VIEWS) for (const ix of view.indexes) expect(names, `${view.name}: ${ix}`).toContain(ix);
  });

  for (const view of ROLE_QUEUE_VIEWS) {
    it(`${view.name} reads tickets through an index`, async () => {
      const query = t.ctx.db.selectFrom('tickets').select(['tickets.id']).where(filterWhere(queueFilter(view, agent), { actor, now: t.clock.now() })).compile();
      const text = await plan(query);
      expect(text, text).not.toMatch(t.dialect === 'sqlite' ? /SCAN tickets\b/ : /Seq Scan on tickets/);
      if (t.dialect === 'sqlite') expect(view.indexes.some((ix) => new RegExp(`\\b${ix}\\b`).test(text)), `${view.name} should use one of ${view.indexes.join(', ')}:\n${text}`).toBe(true);
    });
  }
});

/** The reader's page of a role view as GET /queues/:name/tickets builds it in the default sort, and its capped count. */
const where = (view: QueueView) => compileTicketFilter(queueFilter(view, agent), { actor, now: t.clock.now() });
const pageQuery = (view: QueueView, after?: { value: number; id: number }) => ticketPageQuery(t.ctx.db, where(view), { key: 'updated_at', direction: 'desc', after, walkSortIndex: view.walkSortIndex }, 26).compile();

// all_open holds most of the desk's recent tickets: its pages walk the sort index and stop at the
// page (ADR 0027); every count keeps the filter's index.
describe('role queue pages and counts', () => {
  it('all_open walks the sort index; all_unassigned and my_organizations_open do not', () => {
    expect(ROLE_QUEUE_VIEWS.filter((v) => v.walkSortIndex).map((v) => v.name)).toEqual(['all_open']);
  });

  for (const view of ROLE_QUEUE_VIEWS.filter((v) => v.walkSortIndex)) {
    it(`${view.name}: the first and a deep page walk tickets_updated without sorting`, async () => {
      for (const compiled of [pageQuery(view), pageQuery(view, { value: t.clock.now(), id: 1_000_000 })]) {
        const text = await plan(compiled);
        if (t.dialect === 'sqlite') {
          expect(text, text).toMatch(/(SCAN|SEARCH) tickets USING INDEX tickets_updated\b/);
          expect(text, text).not.toMatch(/TEMP B-TREE/);
        } else {
          expect(text, text).not.toMatch(/Seq Scan on tickets/);
        }
      }
    });
  }

  for (const view of ROLE_QUEUE_VIEWS) {
    it(`${view.name}: the capped count reads through the filter's index`, async () => {
      const text = await plan(ticketCountQuery(t.ctx.db, where(view), QUEUE_COUNT_CAP + 1).compile());
      expect(text, text).not.toMatch(t.dialect === 'sqlite' ? /SCAN tickets\b/ : /Seq Scan on tickets/);
      if (t.dialect === 'sqlite') expect(view.indexes.some((ix) => new RegExp(`\\b${ix}\\b`).test(text)), `${view.name} should use one of ${view.indexes.join(', ')}:\n${text}`).toBe(true);
    });
  }
});
