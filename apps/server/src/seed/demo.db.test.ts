import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { signIn } from '../../test/factories.ts';
import { DEMO_PASSWORD, seedDemo, type DemoSummary } from './index.ts';

// The demo desk on a fresh database: what it promises (counts, every status, the stories), the
// invariants the commands keep, and a second run refused with nothing changed.
let t: TestApp;
let summary: DemoSummary;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  t = await createTestApp();
  summary = await seedDemo(t.ctx);
}, 120_000);
afterAll(() => t.destroy());

const count = async (table: 'groups' | 'agents' | 'organizations' | 'contacts' | 'tickets' | 'articles' | 'attachments') =>
  Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('pishkhan seed --demo', () => {
  it('makes 3 groups, 6 agents holding every role, 2 organisations, 40 contacts and 300 tickets of both types', async () => {
    expect(await count('groups')).toBe(3);
    // The six demo agents beside the admin of the first start.
    expect(await count('agents')).toBe(7);
    expect(await count('organizations')).toBe(2);
    expect(await count('contacts')).toBe(40);
    expect(await count('tickets')).toBe(300);
    expect(summary.tickets).toBe(300);
    const roles = await t.ctx.db
      .selectFrom('agent_roles')
      .innerJoin('agents', 'agents.id', 'agent_roles.agent_id')
      .innerJoin('users', 'users.id', 'agents.user_id')
      .where('users.email', 'like', '%@demo.pishkhan.test')
      .select('role')
      .distinct()
      .execute();
    expect(roles.map((r) => r.role).sort()).toEqual(['admin', 'analyst', 'crm', 'manager', 'supervisor']);
    const types = await t.ctx.db.selectFrom('tickets').select('type').distinct().execute();
    expect(types.map((r) => r.type).sort()).toEqual(['incident', 'service_request']);
  });

  it('has every status, conversations, notes, referrals, escalations, merges and attachments', async () => {
    const statuses = await t.ctx.db.selectFrom('tickets').select('status').distinct().execute();
    expect(statuses.map((r) => r.status).sort()).toEqual(['closed', 'new', 'open', 'pending_customer', 'pending_third_party', 'resolved']);
    const db = t.ctx.db;
    const n = async (q: Promise<{ n: number | string | bigint }>) => Number((await q).n);
    const notes = await n(db.selectFrom('articles').where('kind', '=', 'note').where('internal', '=', 1).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
    const customerReplies = await n(db.selectFrom('articles').where('kind', '=', 'reply').where('author_kind', '=', 'contact').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
    const agentReplies = await n(db.selectFrom('articles').where('kind', '=', 'reply').where('author_kind', '=', 'agent').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
    const referred = await n(db.selectFrom('tickets').whereRef('owner_group_id', '!=', 'assignee_group_id').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
    const returned = await n(db.selectFrom('outbox').where('event', '=', 'ticket.referral_returned').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
    const escalated = await n(db.selectFrom('tickets').where('escalation_level', '>', 0).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
    const merged = await n(db.selectFrom('tickets').where('merged_into_id', 'is not', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
    expect(notes).toBeGreaterThan(50);
    expect(customerReplies).toBeGreaterThan(50);
    expect(agentReplies).toBeGreaterThan(200);
    expect(referred).toBeGreaterThan(10);
    expect(returned).toBeGreaterThan(10);
    expect(escalated).toBeGreaterThan(3);
    expect(merged).toBeGreaterThanOrEqual(5);
    expect(await count('attachments')).toBeGreaterThan(5);
    const persian = await db.selectFrom('tickets').select('title').execute();
    expect(persian.filter((r) => /[\u0600-\u06FF]/.test(r.title)).length).toBeGreaterThan(250);
  });

  it('keeps the commands’ invariants: gap-free numbers, lifecycle columns, one creation event each, dates in the last three months', async () => {
    const rows = await t.ctx.db.selectFrom('tickets').selectAll().orderBy('number').execute();
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 300 }, (_, i) => 10001 + i));
    const counter = await t.ctx.db.selectFrom('counters').select('value').where('name', '=', 'ticket_number').executeTakeFirstOrThrow();
    expect(Number(counter.value)).toBe(10300);
    const now = t.clock.now();
    for (const r of rows) {
      expect(r.created_at).toBeGreaterThanOrEqual(now - 90 * DAY);
      expect(r.updated_at).toBeLessThanOrEqual(now);
      expect(r.updated_at).toBeGreaterThanOrEqual(r.created_at);
      // A merged ticket is closed by the merge itself, never resolved.
      if (r.status === 'resolved' || (r.status === 'closed' && r.merged_into_id === null)) expect(r.resolved_at, `#${r.number}`).not.toBeNull();
      if (r.status === 'closed') expect(r.closed_at, `#${r.number}`).not.toBeNull();
      if (r.status === 'new') expect(r.first_response_at).toBeNull();
    }
    const created = await t.ctx.db.selectFrom('outbox').where('event', '=', 'ticket.created').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(created.n)).toBe(300);
    // A status change leaves its history row (the closed ones went through resolved).
    const closedHistory = await t.ctx.db.selectFrom('ticket_history').where('field', '=', 'status').where('new_value', '=', 'closed').select('ticket_id').distinct().execute();
    expect(closedHistory.length).toBe(rows.filter((r) => r.status === 'closed').length);
    const merged = rows.filter((r) => r.merged_into_id !== null);
    for (const r of merged) expect(rows.find((x) => x.id === r.merged_into_id)!.merged_into_id, 'merges never chain').toBeNull();
  });

  it('signs in as every printed person with the demo password, and the desk sees its queues', async () => {
    expect(summary.agents).toHaveLength(6);
    expect(summary.contacts.length).toBeGreaterThan(0);
    for (const p of [...summary.agents, ...summary.contacts]) await signIn(t.app, p.email, DEMO_PASSWORD);
    const sara = await signIn(t.app, 'sara@demo.pishkhan.test', DEMO_PASSWORD);
    const queues = await sara.get('/api/v1/queues');
    expect(queues.statusCode).toBe(200);
    const list = await sara.get('/api/v1/tickets?limit=50');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(0);
    const customer = await signIn(t.app, summary.contacts[0]!.email, DEMO_PASSWORD);
    expect((await customer.get('/api/v1/tickets')).statusCode).toBe(200);
  });

  it('is searchable as soon as the seed commits (no server has run the index jobs): tickets, contacts by name and phone, organisations', async () => {
    const db = t.ctx.db;
    expect(await t.ctx.search.count(db, 'ticket')).toBe(300);
    expect(await t.ctx.search.count(db, 'contact')).toBe(40);
    expect(await t.ctx.search.count(db, 'organization')).toBe(2);
    const leila = await signIn(t.app, 'leila@demo.pishkhan.test', DEMO_PASSWORD);
    const vpn = await leila.get(`/api/v1/search?q=${encodeURIComponent('وی‌پی‌ان')}&type=ticket`);
    expect(vpn.statusCode, vpn.body).toBe(200);
    expect(vpn.json().items.length).toBeGreaterThan(0);
    const contact = await db.selectFrom('contacts').innerJoin('contact_phones', 'contact_phones.contact_id', 'contacts.id').select(['contacts.id', 'contacts.name', 'contact_phones.phone_e164']).orderBy('contacts.id').limit(1).executeTakeFirstOrThrow();
    for (const q of [contact.name, `0${contact.phone_e164.slice(3)}`]) {
      const res = await leila.get(`/api/v1/search?q=${encodeURIComponent(q)}&type=contact`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.map((h: { id: number }) => h.id)).toContain(contact.id);
    }
    const org = await leila.get(`/api/v1/search?q=${encodeURIComponent('مهرگان')}&type=organization`);
    expect(org.json().items.map((h: { title: string }) => h.title)).toContain('بیمارستان مهرگان');
  });

  it('refuses a second run on the seeded database, clearly and without writing', async () => {
    const mode = t.seedModes.find((m) => m.name === 'demo')!;
    const printed: string[] = [];
    const original = console.error;
    console.error = (line: string) => void printed.push(line);
    let code: number | void;
    try {
      code = await mode.run(t.ctx, { demo: true });
    } finally {
      console.error = original;
    }
    expect(code).toBe(1);
    expect(printed.join('\n')).toMatch(/already holds data \(300 tickets, 2 organisations, 40 contacts\)/);
    expect(await count('tickets')).toBe(300);
    expect(await count('contacts')).toBe(40);
  });
});
