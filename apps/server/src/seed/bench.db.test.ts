import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { signIn } from '../../test/factories.ts';
import { toPersianDigits } from '@pishkhan/text';
import { BENCH_ANALYST_EMAIL, BENCH_PASSWORD } from './bench.ts';
import { seedBench, SeededDatabaseError, type BenchSummary } from './index.ts';
import { systemActor } from '../platform/actor.ts';
import { transaction } from '../platform/db/index.ts';
import { createCalendarLoader } from '../modules/calendars/index.ts';
import { ticketsWithSlaEventDue } from '../modules/tickets/index.ts';
import { recomputeTickets } from '../modules/sla/sla-recompute.ts';
import { takeSlaActions } from '../modules/sla/sla-actions.ts';

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

  it('gives every ticket the SLA clocks and actions the commands and the sweep would have by the end: a recompute through the SLA module changes nothing and takes nothing', async () => {
    const db = t.ctx.db;
    const now = t.clock.now();
    const policy = await db.selectFrom('sla_policies').select('id').where('default_key', '=', 'default').executeTakeFirstOrThrow();
    const SLA = ['id', 'status', 'sla_policy_id', 'sla_first_response_due_at', 'sla_next_response_due_at', 'sla_resolution_due_at', 'sla_due_at', 'sla_next_event_at', 'sla_elapsed_ms', 'sla_paused_ms', 'sla_first_response_breached', 'sla_next_response_breached', 'sla_resolution_breached', 'sla_breached', 'escalation_level', 'escalated_at', 'version', 'updated_at'] as const;
    const seeded = await db.selectFrom('tickets').select(SLA).orderBy('id').execute();
    expect(seeded.every((r) => r.sla_policy_id === policy.id)).toBe(true);
    const counts = async () => ({
      history: await n(db.selectFrom('ticket_history').select((eb) => eb.fn.countAll().as('n'))),
      actions: await n(db.selectFrom('sla_actions').select((eb) => eb.fn.countAll().as('n'))),
      outbox: await n(db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n'))),
    });
    const before = await counts();
    expect(before.actions).toBe(summary.slaActions);
    // What the SLA jobs run on a ticket's event: recompute (the policy chosen again) and take the actions due.
    const taken = await transaction(db, async (trx) => {
      const recomputed = await recomputeTickets(trx, createCalendarLoader(), systemActor('sla'), seeded.map((r) => r.id), now, { reselect: true });
      expect(recomputed).toHaveLength(4500);
      return takeSlaActions({ ...t.ctx, db: trx }, trx, recomputed, now);
    });
    expect(taken).toBe(0);
    expect(await db.selectFrom('tickets').select(SLA).orderBy('id').execute()).toEqual(seeded);
    expect(await counts()).toEqual(before);
    // Every status is among them, with clocks: a stopped ticket has no running due time, a paused one no resolution due.
    expect(new Set(seeded.map((r) => r.status)).size).toBe(6);
    for (const r of seeded) {
      if (r.status === 'resolved' || r.status === 'closed') expect(r.sla_due_at).toBeNull();
      if (r.status === 'pending_customer') expect(r.sla_resolution_due_at).toBeNull();
    }
    expect(seeded.filter((r) => r.status === 'open' && r.sla_resolution_due_at !== null && r.sla_elapsed_ms! > 0).length).toBeGreaterThan(100);
  });

  it('has breached tickets, escalated by the sweep at their time, and active ones still running; the breach facts reach the queues', async () => {
    const db = t.ctx.db;
    const now = t.clock.now();
    const active = await db.selectFrom('tickets').selectAll().where('status', 'not in', ['resolved', 'closed']).execute();
    const breached = active.filter((r) => r.sla_breached === 1);
    const running = active.filter((r) => r.sla_breached === 0 && r.sla_due_at !== null && r.sla_due_at > now);
    expect(breached.length).toBeGreaterThan(active.length / 2);
    // At 4,500 tickets over three years (about four a day) a handful are young enough; at 1,000,000 about a thousand.
    expect(running.length).toBeGreaterThanOrEqual(3);
    // Resolved ones breached too (their first response came late), and met ones exist.
    const done = await db.selectFrom('tickets').select(['sla_breached']).where('status', 'in', ['resolved', 'closed']).execute();
    expect(done.some((r) => r.sla_breached === 1) && done.some((r) => r.sla_breached === 0)).toBe(true);
    // A breach action per breached target, taken at or after its due time and before the end; a warning before its due time.
    const actions = await db.selectFrom('sla_actions').selectAll().execute();
    expect(actions.every((a) => a.created_at <= now && (a.level === 'breach' ? a.created_at >= a.due_at : a.created_at < a.due_at))).toBe(true);
    const breachedTickets = new Set(actions.filter((a) => a.level === 'breach').map((a) => a.ticket_id));
    expect(breached.every((r) => breachedTickets.has(r.id))).toBe(true);
    // The sweep escalated at a breach of a running target, up to the managers, told in history by the sla actor.
    const levels = await db.selectFrom('ticket_history').select(['ticket_id', 'new_value', 'created_at', 'actor_system']).where('field', '=', 'escalationLevel').orderBy('id').execute();
    expect(levels.length).toBeGreaterThan(0);
    expect(levels.every((h) => h.actor_system === 'sla')).toBe(true);
    const rows = new Map((await db.selectFrom('tickets').select(['id', 'escalation_level', 'escalated_at']).execute()).map((r) => [r.id, r]));
    const last = new Map(levels.map((h) => [h.ticket_id, h]));
    for (const [id, h] of last) expect([rows.get(id)!.escalation_level, rows.get(id)!.escalated_at]).toEqual([Number(h.new_value), h.created_at]);
    expect([...rows.values()].filter((r) => r.escalation_level > 0).length).toBe(last.size);
    expect(Math.max(...[...rows.values()].map((r) => r.escalation_level))).toBe(2);
    // The queue views read them: the breached queue holds the analyst's groups' breached tickets.
    const analyst = await signIn(t.app, BENCH_ANALYST_EMAIL, BENCH_PASSWORD);
    const groups = (
      await db.selectFrom('group_members').innerJoin('agents', 'agents.id', 'group_members.agent_id').innerJoin('users', 'users.id', 'agents.user_id').select('group_members.group_id').where('users.email', '=', BENCH_ANALYST_EMAIL).execute()
    ).map((r) => r.group_id);
    const views = (await analyst.get('/api/v1/queues')).json().items as Array<{ name: string; count: number }>;
    const count = (name: string) => views.find((v) => v.name === name)!.count;
    expect(count('breached')).toBeGreaterThan(100);
    expect(count('breaching_soon')).toBe(running.filter((r) => r.sla_due_at! <= now + 2 * 3600_000 && groups.includes(r.assignee_group_id!)).length);
    // An hour before the analyst's soonest running due time, that ticket is breaching soon.
    const soonest = running.filter((r) => groups.includes(r.assignee_group_id!)).sort((a, b) => a.sla_due_at! - b.sla_due_at!)[0]!;
    t.clock.set(soonest.sla_due_at! - 3600_000);
    try {
      const page = (await analyst.get('/api/v1/queues/breaching_soon/tickets?limit=25')).json().items as Array<{ id: number }>;
      expect(page.map((i) => i.id)).toContain(soonest.id);
    } finally {
      t.clock.set(now);
    }
  });

  it('leaves PostgreSQL with the loaded data\'s planner statistics (SQLite plans without any)', async () => {
    if (t.dialect === 'postgres') {
      const rows = await sql<{ relname: string; analyzed: boolean }>`select relname, last_analyze is not null as analyzed from pg_stat_user_tables where relname in ('tickets', 'search_entries', 'articles') order by relname`.execute(t.ctx.db);
      expect(rows.rows).toEqual([
        { relname: 'articles', analyzed: true },
        { relname: 'search_entries', analyzed: true },
        { relname: 'tickets', analyzed: true },
      ]);
    } else {
      const stat = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(t.ctx.db);
      expect(Number(stat.rows[0]!.n)).toBe(0);
    }
  });

  it('leaves a first start nothing overdue: the sweep finds no SLA event due, queues no job and records no event', async () => {
    const db = t.ctx.db;
    const now = t.clock.now();
    expect(await ticketsWithSlaEventDue(db, now, 500)).toEqual([]);
    const events = await db.selectFrom('tickets').select('sla_next_event_at').where('status', 'not in', ['resolved', 'closed']).execute();
    expect(events.every((r) => r.sla_next_event_at === null || r.sla_next_event_at > now)).toBe(true);
    expect(events.some((r) => r.sla_next_event_at !== null)).toBe(true);
    const actions = await n(db.selectFrom('sla_actions').select((eb) => eb.fn.countAll().as('n')));
    await t.ctx.jobs.tickSchedules();
    await t.ctx.jobs.drain();
    expect(await n(db.selectFrom('sla_actions').select((eb) => eb.fn.countAll().as('n')))).toBe(actions);
    expect(await n(db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')))).toBe(0);
    expect(await n(db.selectFrom('jobs').where('name', 'like', 'sla.%').where('status', 'in', ['ready', 'running']).select((eb) => eb.fn.countAll().as('n')))).toBe(0);
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
