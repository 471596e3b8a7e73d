import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { defaultPolicy, H, slaTestApp, type SlaTestApp } from '../../../test/sla-desk.ts';
import { transaction } from '../../platform/db/index.ts';
import { createCalendarLoader } from '../calendars/index.ts';
import { expectStatus, openTicket, patchCurrent, type Desk } from '../tickets/tickets.test-kit.ts';
import { slaJobs } from './sla.jobs.ts';

// Two sla.sweep runs at once on PostgreSQL, on two connections, over the same due tickets: both
// read the due list before either writes (a third transaction holds the tickets' rows until both
// wait on them), then race. The sweep locks the tickets' rows in id order before reading their
// facts (tickets' slaTicketRows, FOR UPDATE) and claims each action under its unique key (ON
// CONFLICT DO NOTHING), so the second recomputes from what the first committed: every action,
// event, escalation and history row once. SQLite has one writer (ADR 0008): the two sweeps start
// together and run one after the other, and the outcome must be the same.
const N = 6;
let t: TestApp;
let d: Desk;
let settle: SlaTestApp['settle'];
const ids: number[] = [];

beforeAll(async () => {
  ({ t, d, settle } = await slaTestApp());
  const { calendarId } = await defaultPolicy(d);
  expectStatus(await d.adminOnly.client.post('/api/v1/admin/sla/policies', { name: 'تند', calendarId, targets: { '3': { firstResponse: 60, resolution: 120 } }, onBreach: { escalate: true }, isDefault: true }), 201);
  for (let i = 0; i < N; i++) ids.push((await openTicket(d.analystA.client, { assigneeGroupId: d.groupA })).id);
  await settle();
  // Three business hours on: every ticket's first response and resolution are breached, for the sweep to take.
  t.clock.advance(3 * H);
});
afterAll(() => t.destroy());

describe('two sweeps at once', () => {
  it('take each action once and write each change to history once', async () => {
    await twoSweepsAtOnce(ids);

    const actions = await t.ctx.db.selectFrom('sla_actions').select(['action_key', 'level']).where('ticket_id', 'in', ids).execute();
    expect(actions.length).toBe(2 * N);
    expect(new Set(actions.map((a) => a.action_key)).size).toBe(2 * N);
    const events = await t.ctx.db.selectFrom('outbox').select('payload').where('event', '=', 'ticket.sla_breached').execute();
    const keys = events.map((e) => (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload).actionKey as string).filter((k) => actions.some((a) => a.action_key === k));
    expect(keys.sort()).toEqual(actions.map((a) => a.action_key).sort());
    // History: each ticket's breach flags and escalation level changed once, not once per sweep.
    const history = await t.ctx.db.selectFrom('ticket_history').select(['ticket_id', 'field', 'new_value']).where('ticket_id', 'in', ids).where('created_at', '=', t.clock.now()).execute();
    const perChange = new Map<string, number>();
    for (const h of history) perChange.set(`${h.ticket_id}:${h.field}:${h.new_value}`, (perChange.get(`${h.ticket_id}:${h.field}:${h.new_value}`) ?? 0) + 1);
    expect([...perChange.entries()].filter(([, n]) => n > 1)).toEqual([]);
    for (const id of ids) {
      expect(perChange.get(`${id}:slaFirstResponseBreached:1`)).toBe(1);
      expect(perChange.get(`${id}:slaResolutionBreached:1`)).toBe(1);
    }
    const levels = await t.ctx.db.selectFrom('tickets').select('escalation_level').where('id', 'in', ids).execute();
    expect(levels.map((l) => l.escalation_level)).toEqual(ids.map(() => 2));
  });

  it('close a resolved ticket once, and neither fails on the other’s close', async () => {
    for (const id of ids) expectStatus(await patchCurrent(d.analystA.client, id, { status: 'resolved' }), 200);
    await settle();
    // Past tickets.auto_close_after_days (7): both sweeps find the same tickets to close.
    t.clock.advance(8 * 24 * H);
    await twoSweepsAtOnce(ids);
    const rows = await t.ctx.db.selectFrom('tickets').select('status').where('id', 'in', ids).execute();
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => 'closed'));
    const closes = await t.ctx.db.selectFrom('ticket_history').select('ticket_id').where('ticket_id', 'in', ids).where('field', '=', 'status').where('new_value', '=', 'closed').execute();
    expect(closes.map((c) => c.ticket_id).sort((a, b) => a - b)).toEqual(ids);
  });
});

/** Runs the sweep's handler twice at once, each in its own transaction, both past their reads before either writes. */
async function twoSweepsAtOnce(tickets: readonly number[]): Promise<void> {
  const sweep = slaJobs(t.ctx, createCalendarLoader()).jobs!.find((j) => j.name === 'sla.sweep')!;
  const run = () => transaction(t.ctx.db, (trx) => sweep.handler({ trx, payload: {}, jobId: 0, attempt: 1, actor: undefined as never, heartbeat: async () => {} }));
  if (t.dialect !== 'postgres') {
    const outcomes = await Promise.allSettled([run(), run()]);
    expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason?.code ?? o.reason) : 'ok'))).toEqual(['ok', 'ok']);
    return;
  }
  let release!: () => void;
  let held!: () => void;
  const holding = new Promise<void>((r) => (held = r));
  const holder = transaction(t.ctx.db, async (trx) => {
    await sql`select id from tickets where id in (${sql.join(tickets)}) order by id for update`.execute(trx);
    held();
    await new Promise<void>((r) => (release = r));
  });
  await holding;
  const sweeps = [run(), run()];
  // Both sweeps have read their due lists and wait on the tickets' rows.
  for (let i = 0; (await waitingOnLocks()) < 2; i++) {
    if (i > 200) throw new Error('the sweeps never waited on the tickets');
    await new Promise((r) => setTimeout(r, 25));
  }
  release();
  await holder;
  const outcomes = await Promise.allSettled(sweeps);
  expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason?.code ?? o.reason) : 'ok'))).toEqual(['ok', 'ok']);
}

async function waitingOnLocks(): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(t.ctx.db);
  return Number(r.rows[0]!.n);
}
