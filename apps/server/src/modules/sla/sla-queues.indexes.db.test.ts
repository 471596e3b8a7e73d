import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeGroup, makeTicket } from '../../../test/factories.ts';
import { expectPagesWalkTicketsUpdated, queryPlan } from '../../../test/query-plan.ts';
import { compileTicketFilter } from '../tickets/index.ts';
import { SLA_QUEUE_VIEWS } from './sla-queues.ts';

// Like tickets/queues.indexes.db.test.ts for the SLA's views: each reads tickets through its index.
let t: TestApp;
let actor: Actor;

beforeAll(async () => {
  t = await createTestApp();
  const group = await makeGroup(t);
  const person = await makeAgent(t, { roles: ['manager'], groupIds: [group] });
  actor = { kind: 'user', userId: person.userId!, email: person.email, locale: 'en', mustChangePassword: false, agent: { id: person.agentId!, name: 'x', roles: new Set(['manager']), groupIds: [group] }, contact: null, via: 'session' };
  for (let i = 0; i < 40; i++) {
    const { id } = await makeTicket(t, { groupId: group, status: ['new', 'open', 'resolved', 'pending_customer'][i % 4]! });
    await t.ctx.db.updateTable('tickets').set({ sla_due_at: t.clock.now() + i * 600_000, sla_breached: i % 5 === 0 ? 1 : 0 }).where('id', '=', id).execute();
  }
  if (t.dialect === 'postgres') await t.ctx.db.executeQuery(CompiledQuery.raw('analyze tickets'));
});
afterAll(() => t.destroy());

describe('SLA queue views', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('are listed among the queues and show the tickets they name', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/queues' });
    expect(res.statusCode).toBe(401);
    const where = (name: string) => compileTicketFilter(SLA_QUEUE_VIEWS.find((v) => v.name === name)!.filter as never, { actor, now: t.clock.now() });
    const soon = await t.ctx.db.selectFrom('tickets').select(['sla_due_at', 'sla_breached', 'status']).where(where('breaching_soon')).execute();
    expect(soon.length).toBeGreaterThan(0);
    for (const r of soon) expect(r.sla_due_at! < t.clock.now() + 2 * 3_600_000 && r.sla_breached === 0 && r.status !== 'resolved').toBe(true);
    const breached = await t.ctx.db.selectFrom('tickets').select(['sla_breached', 'status']).where(where('breached')).execute();
    expect(breached.length).toBeGreaterThan(0);
    for (const r of breached) expect(r.sla_breached === 1 && r.status !== 'resolved').toBe(true);
  });

  for (const view of SLA_QUEUE_VIEWS) {
    it(`${view.name} reads tickets through ${view.indexes.join(' or ')}`, async () => {
      const query = t.ctx.db.selectFrom('tickets').select(['tickets.id']).where(compileTicketFilter(view.filter as never, { actor, now: t.clock.now() })).compile();
      const text = await queryPlan(t, query);
      expect(text, text).not.toMatch(t.dialect === 'sqlite' ? /SCAN tickets\b/ : /Seq Scan on tickets/);
      if (t.dialect === 'sqlite') expect(view.indexes.some((ix) => new RegExp(`\\b${ix}\\b`).test(text)), text).toBe(true);
    });
  }

  // On an old desk most active tickets have breached something: the page walks the updated index to
  // the page (ADR 0027) instead of reading every breached ticket and sorting them (0.2 s at 100,000).
  it('breached: the first and a deep page walk tickets_updated without sorting', async () => {
    const view = SLA_QUEUE_VIEWS.find((v) => v.name === 'breached')!;
    expect(view.walkSortIndex).toBe(true);
    const where = compileTicketFilter(view.filter as never, { actor, now: t.clock.now() });
    await expectPagesWalkTicketsUpdated(t, where);
  });
});
