import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, AgentIdentity } from '../../platform/actor.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeGroup, makeTicket } from '../../../test/factories.ts';
import { filterWhere } from './filter/ticket-filter.repository.ts';
import { queryPlan } from '../../../test/query-plan.ts';
import { BUILTIN_QUEUE_VIEWS, queueFilter } from './queues.ts';

// Every queue view must be served by an index, never by reading the whole tickets table.
// SQLite (a rule-based choice, no statistics): the plan uses one of the indexes the view names.
// PostgreSQL (a cost-based choice that depends on the data): with sequential scans priced out
// (enable_seqscan=off), the plan reads tickets through some index, never "Seq Scan on tickets".

let t: TestApp;
let agent: AgentIdentity;
let actor: Actor;

beforeAll(async () => {
  t = await createTestApp();
  const [a, b] = [await makeGroup(t), await makeGroup(t)];
  const person = await makeAgent(t, { roles: ['analyst', 'supervisor', 'manager'], groupIds: [a, b] });
  agent = { id: person.agentId!, name: 'x', roles: new Set(['analyst', 'supervisor', 'manager']), groupIds: [a, b] };
  actor = { kind: 'user', userId: person.userId!, email: person.email, locale: 'en', mustChangePassword: false, agent, contact: null, via: 'session' };
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
