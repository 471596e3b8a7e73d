import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeTicket, type Client } from '../../../test/factories.ts';
import { queryPlan } from '../../../test/query-plan.ts';
import { compileTicketFilter } from '../tickets/index.ts';
import { expectStatus, makeDesk, type Desk } from '../tickets/tickets.test-kit.ts';
import { SLA_QUEUE_VIEWS } from './sla-queues.ts';

// sort=sla_due on the ticket list and the queues: the earliest running due first, tickets without one last.
let t: TestApp;
let d: Desk;
const due = new Map<number, number | null>();

beforeAll(async () => {
  t = await createTestApp();
  d = await makeDesk(t);
  const now = t.clock.now();
  // Ties (two at +30 min) and tickets with no due time, interleaved by id.
  const offsets = [90, null, 30, 30, null, 10, 200, null, 60, 5];
  for (const [i, off] of offsets.entries()) {
    const { id } = await makeTicket(t, { groupId: d.groupA, status: 'open', title: `due ${i}` });
    const at = off === null ? null : now + off * 60_000;
    await t.ctx.db.updateTable('tickets').set({ sla_due_at: at, sla_breached: 0 }).where('id', '=', id).execute();
    due.set(id, at);
  }
  if (t.dialect === 'postgres') await t.ctx.db.executeQuery(CompiledQuery.raw('analyze tickets'));
});
afterAll(() => t.destroy());

async function walk(client: Client, url: string, limit: number): Promise<number[]> {
  const out: number[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: { items: { id: number }[]; nextCursor: string | null } = expectStatus(await client.get(`${url}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`), 200);
    out.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('pagination did not end');
}

/** The order sort=sla_due promises over our tickets: by due time, then id; no due time last. */
const expected = (ids: readonly number[]) =>
  [...ids].sort((a, b) => {
    const x = due.get(a) ?? Infinity;
    const y = due.get(b) ?? Infinity;
    return x === y ? a - b : x - y;
  });

describe('sort=sla_due', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('pages the ticket list by the earliest due time, stable on ties, tickets without one last (first descending)', async () => {
    const ours = [...due.keys()];
    for (const limit of [2, 3, 50]) {
      const asc = (await walk(d.analystA.client, '/api/v1/tickets?sort=sla_due', limit)).filter((id) => due.has(id));
      expect(asc, `limit ${limit}`).toEqual(expected(ours));
      const desc = (await walk(d.analystA.client, '/api/v1/tickets?sort=-sla_due', limit)).filter((id) => due.has(id));
      expect(desc, `limit ${limit}`).toEqual(expected(ours).reverse());
    }
    // A cursor of another sort is refused.
    const page = expectStatus(await d.analystA.client.get('/api/v1/tickets?sort=sla_due&limit=1'), 200);
    expect((await d.analystA.client.get(`/api/v1/tickets?sort=number&limit=1&cursor=${page.nextCursor}`)).statusCode).toBe(400);
  });

  it('sorts a queue the same way', async () => {
    const soon = await walk(d.analystA.client, '/api/v1/queues/breaching_soon/tickets?sort=sla_due', 2);
    expect(soon).toEqual(expected([...due].filter(([, at]) => at !== null).map(([id]) => id)).filter((id) => soon.includes(id)));
    expect(soon.length).toBeGreaterThanOrEqual(6);
  });

  it('reads the breaching_soon queue sorted by sla_due through its index (tickets_sla_breached or tickets_sla_due), never a full scan', async () => {
    const person = d.manager;
    const actor: Actor = { kind: 'user', userId: person.userId!, email: person.email, locale: 'en', mustChangePassword: false, agent: { id: person.agentId!, name: 'x', roles: new Set(['manager']), groupIds: [] }, contact: null, via: 'session' };
    const view = SLA_QUEUE_VIEWS.find((v) => v.name === 'breaching_soon')!;
    const query = t.ctx.db
      .selectFrom('tickets')
      .select('tickets.id')
      .where(compileTicketFilter(view.filter as never, { actor, now: t.clock.now() }))
      .orderBy(sql`(tickets.sla_due_at is null)`)
      .orderBy('tickets.sla_due_at')
      .orderBy('tickets.id')
      .limit(51)
      .compile();
    const text = await queryPlan(t, query);
    expect(text, text).not.toMatch(t.dialect === 'sqlite' ? /SCAN tickets\b/ : /Seq Scan on tickets/);
    if (t.dialect === 'sqlite') expect(view.indexes.some((ix) => new RegExp(`\\b${ix}\\b`).test(text)), text).toBe(true);
  });
});
