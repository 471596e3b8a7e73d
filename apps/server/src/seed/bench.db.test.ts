import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { signIn } from '../../test/factories.ts';
import { toPersianDigits } from '@pishkhan/text';
import { BENCH_ANALYST_EMAIL, BENCH_PASSWORD } from './bench.ts';
import { seedBench, SeededDatabaseError, type BenchSummary } from './index.ts';

// Bench data at a small size: the shape it promises and the invariants the bulk writers keep.
let t: TestApp;
let summary: BenchSummary;
const lines: string[] = [];
const DAY = 24 * 3600_000;

beforeAll(async () => {
  t = await createTestApp();
  summary = await seedBench(t.ctx, { tickets: 4500, organizations: 40, contacts: 600, progress: (l) => lines.push(l) });
}, 120_000);
afterAll(() => t.destroy());

const n = async (q: { executeTakeFirstOrThrow(): Promise<{ n: unknown }> }) => Number((await q.executeTakeFirstOrThrow()).n);

describe('pishkhan seed --bench', () => {
  it('writes N tickets with 1–8 articles each, 50 agents, 10 groups, the organisations and contacts asked for, with progress', async () => {
    const db = t.ctx.db;
    expect(await n(db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')))).toBe(4500);
    expect(await n(db.selectFrom('groups').select((eb) => eb.fn.countAll().as('n')))).toBe(10);
    expect(await n(db.selectFrom('agents').select((eb) => eb.fn.countAll().as('n')))).toBe(51); // + the first start's admin
    expect(await n(db.selectFrom('organizations').select((eb) => eb.fn.countAll().as('n')))).toBe(40);
    expect(await n(db.selectFrom('contacts').select((eb) => eb.fn.countAll().as('n')))).toBe(600);
    expect(await n(db.selectFrom('contact_phones').select((eb) => eb.fn.countAll().as('n')))).toBe(600);
    const perTicket = await db.selectFrom('articles').select((eb) => ['ticket_id', eb.fn.countAll().as('n')]).groupBy('ticket_id').execute();
    expect(perTicket).toHaveLength(4500);
    expect(Math.min(...perTicket.map((r) => Number(r.n)))).toBe(1);
    expect(Math.max(...perTicket.map((r) => Number(r.n)))).toBe(8);
    expect(summary.articles).toBe(perTicket.reduce((s, r) => s + Number(r.n), 0));
    expect(lines.at(-1)).toMatch(/tickets 4,500 \/ 4,500 \(100%\)/);
  });

  it('keeps the invariants: numbers from the counter, lifecycle columns, normalised tags, dates over three years', async () => {
    const db = t.ctx.db;
    const rows = await db.selectFrom('tickets').selectAll().orderBy('number').execute();
    expect(rows[0]!.number).toBe(10001);
    expect(rows.at(-1)!.number).toBe(14500);
    expect(new Set(rows.map((r) => r.number)).size).toBe(4500);
    const counter = await db.selectFrom('counters').select('value').where('name', '=', 'ticket_number').executeTakeFirstOrThrow();
    expect(Number(counter.value)).toBe(14500);
    const now = t.clock.now();
    expect(rows[0]!.created_at).toBeLessThan(now - 3 * 360 * DAY);
    for (const r of rows) {
      expect(r.updated_at).toBeLessThanOrEqual(now);
      expect(r.updated_at).toBeGreaterThanOrEqual(r.created_at);
      expect(r.priority).toBeGreaterThanOrEqual(1);
      if (r.status === 'resolved' || r.status === 'closed') expect(r.resolved_at).not.toBeNull();
      if (r.status === 'closed') expect(r.closed_at).not.toBeNull();
      else expect(r.closed_at).toBeNull();
    }
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['new', 'open', 'pending_customer', 'pending_third_party', 'resolved', 'closed']));
    const vpn = await n(db.selectFrom('ticket_tags').where('tag_normalized', '=', 'vpn').select((eb) => eb.fn.countAll().as('n')));
    expect(vpn).toBeGreaterThan(100);
    // Settled as an old desk has it: nothing resolved is past the auto-close age (7 days), so a first start has no close backlog;
    // each closed ticket's history holds its close.
    expect(rows.filter((r) => r.status === 'resolved' && r.resolved_at! < now - 7 * DAY)).toEqual([]);
    expect(rows.some((r) => r.status === 'resolved')).toBe(true);
    const closes = await n(db.selectFrom('ticket_history').where('field', '=', 'status').where('new_value', '=', 'closed').select((eb) => eb.fn.count('ticket_id').distinct().as('n')));
    expect(closes).toBe(rows.filter((r) => r.status === 'closed').length);
    // No events: seed data notifies nobody.
    expect(await n(db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')))).toBe(0);
  });

  it('leaves every ticket, contact and organisation searchable: a word the generator wrote, a contact by a phone in Persian digits', async () => {
    const db = t.ctx.db;
    expect(await t.ctx.search.count(db, 'ticket')).toBe(4500);
    expect(await t.ctx.search.count(db, 'contact')).toBe(600);
    expect(await t.ctx.search.count(db, 'organization')).toBe(40);
    const analyst = await signIn(t.app, BENCH_ANALYST_EMAIL, BENCH_PASSWORD);
    // «تجریش», a branch the generator names in about one ticket in two hundred (words.ts BRANCHES).
    const holders = await db.selectFrom('tickets').select('id').where('description', 'like', '%شعبه تجریش%').execute();
    expect(holders.length).toBeGreaterThan(5);
    const found = await analyst.get(`/api/v1/search?q=${encodeURIComponent('تجریش')}&type=ticket&limit=50`);
    expect(found.statusCode, found.body).toBe(200);
    const ids = found.json().items.map((h: { id: number }) => h.id);
    expect(ids.length).toBeGreaterThan(0);
    // The analyst sees three groups' tickets of ten: every hit holds the word, and they are the holders they may see.
    expect(ids.every((id: number) => holders.some((h) => h.id === id))).toBe(true);
    const phone = await db.selectFrom('contact_phones').select(['contact_id', 'phone_e164']).orderBy('contact_id', 'desc').limit(1).executeTakeFirstOrThrow();
    const national = toPersianDigits(`0${phone.phone_e164.slice(3)}`);
    const byPhone = await analyst.get(`/api/v1/search?q=${encodeURIComponent(national)}&type=contact`);
    expect(byPhone.statusCode, byPhone.body).toBe(200);
    expect(byPhone.json().items.map((h: { type: string; id: number }) => `${h.type}:${h.id}`)).toContain(`contact:${phone.contact_id}`);
  });

  it('lets the bench analyst (three groups) sign in and read the queues; a second run is refused', async () => {
    const analyst = await signIn(t.app, BENCH_ANALYST_EMAIL, BENCH_PASSWORD);
    const queues = await analyst.get('/api/v1/queues');
    expect(queues.statusCode).toBe(200);
    const open = await analyst.get('/api/v1/queues/open_in_my_groups/tickets?limit=25');
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json().items).toHaveLength(25);
    await expect(seedBench(t.ctx, { tickets: 10 })).rejects.toThrow(SeededDatabaseError);
  });
});
