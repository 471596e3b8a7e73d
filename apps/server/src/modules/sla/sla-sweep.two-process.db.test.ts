import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../../test/fixtures/server-process.ts';
import { createTestApp, TEST_SECRET, type TestApp } from '../../../test/harness.ts';
import { systemActor } from '../../platform/actor.ts';
import { ManualClock } from '../../platform/clock/index.ts';
import { transaction } from '../../platform/db/index.ts';
import { takeScheduleSlot } from '../../platform/jobs/jobs.repository.ts';
import { insertUser } from '../access/index.ts';
import { createCalendarLoader } from '../calendars/index.ts';
import { insertAgent, insertGroup } from '../people/index.ts';
import { importTickets } from '../tickets/index.ts';
import { recomputeTickets } from './sla-recompute.ts';
import { slaSettings } from './sla.settings.ts';

// Issue 11: each (ticket, target, level) action is claimed under its unique key in the transaction
// that records its event, and notifications dedupe on (event, recipient) — so a sweep killed half way
// and run again by another process does every action, event and notification exactly once.
//
// Why a kill here leaves PARTLY written records: the sweep takes BATCH tickets per transaction
// (`sla.sweep_batch`, 10 here) and a full batch enqueues the next, so one sweep of N tickets is
// N / BATCH commits. Process A is armed with `sla.after_action_claimed` at its FAULT_AT-th claim
// (70: the 10th claim of the 4th batch), so it dies with three batches committed (their claims and
// events) and the fourth batch's ten claims and events written but not committed. Asserted before
// anything restarts: 0 < actions < all, whole batches only (each ticket has all its actions or
// none), every action has exactly its one event and no event lacks its action, and the killed
// sweep job still holds A's lease.
//
// PostgreSQL: two `pishkhan start` processes, A (armed) and B. B is paused (SIGSTOP) while A takes
// the first sweep, so that A and not B reaches its FAULT_AT-th claim (a job goes to whichever
// process polls first), and continued once A is dead. The sweep schedule's slots of the next minutes
// are taken beforehand so that only the test starts sweeps and nothing moves while the in-between
// state is asserted. Then A's leases are expired (what five minutes would do) and the next minute's
// sweep is enqueued: B claims the killed sweep job, runs it again whole beside the new sweep (both
// over the same due tickets, meeting on the same keys) and carries on; A restarts without the fault
// and joins. SQLite is
// one writer process by design (ADR 0008): there A is killed and A restarted does the rest.
//
// "Both did work": each process logs its committed sweep batches (worker, tickets, actions); the
// dead one's and the others' add up to exactly one action per key.
const N = 100;
const BATCH = 10;
const PER_TICKET = 2; // the first response and resolution breaches (past due, so no warnings)
const ALL = N * PER_TICKET;
const FAULT_AT = 70;
const DAY = 86_400_000;

let t: TestApp;
let ticketIds: number[] = [];
const members: number[] = [];
const started: ServerProcess[] = [];
const isPg = () => t.dialect === 'postgres';

beforeAll(async () => {
  // Everything was created 30 days ago, so every target is long breached at the real time the servers run on.
  t = await createTestApp({ clock: new ManualClock(Date.now() - 30 * DAY) });
  // What the first start recorded is delivered now, at the old time, so no server meets it later.
  await settleTestApp();
  const past = t.clock.now();
  await transaction(t.ctx.db, async (trx) => {
    const groupId = await insertGroup(trx, { name: 'میز خدمت SLA', nameEn: 'SLA desk', description: null, active: true, now: past });
    for (const [i, locale] of (['fa', 'en'] as const).entries()) {
      const userId = await insertUser(trx, { email: `member${i}@example.test`, passwordHash: null, mustChangePassword: false, locale, now: past });
      await insertAgent(trx, { userId, name: `member ${i}`, roles: ['analyst'], groupIds: [groupId], now: past });
      members.push(userId);
    }
    ticketIds = await importTickets(
      trx,
      Array.from({ length: N }, (_, i) => ({
        type: 'incident' as const,
        status: 'open' as const,
        title: `چاپگر ${i} کار نمی‌کند`,
        description: '',
        impact: 2 as const,
        urgency: 2 as const,
        channel: 'portal' as const,
        requesterContactId: null,
        organizationId: null,
        ownerGroupId: groupId,
        ownerAgentId: null,
        assigneeGroupId: groupId,
        assigneeAgentId: null,
        escalationLevel: 0 as const,
        createdByUserId: null,
        createdAt: past + i * 1000,
        tags: [],
        articles: [],
        changes: [],
      })),
    );
    // Their clocks as creation set them (the default policy; the next event, a warning, long past by now); no action is due then.
    await recomputeTickets(trx, createCalendarLoader(), systemActor('sla'), ticketIds, past + N * 1000, { reselect: true });
    await slaSettings.set(trx, 'sla.sweep_batch', BATCH, past);
  });
  // Only the test starts sweeps: the schedule's slots of the next minutes are already taken.
  const minute = Math.floor(Date.now() / 60_000);
  for (let slot = minute; slot <= minute + 5; slot++) await takeScheduleSlot(t.ctx.db, { name: 'sla.sweep', slot: String(slot), now: Date.now() });
}, 120_000);
afterAll(async () => {
  for (const p of started) await p.stop();
  await t?.destroy();
});

async function settleTestApp() {
  for (let i = 0; i < 3; i++) {
    await t.ctx.events.dispatchPending();
    await t.ctx.jobs.drain();
  }
}

const ENV = { PISHKHAN_SECRET: TEST_SECRET, LOG_LEVEL: 'info', PISHKHAN_TEST_BUILD: '1' };
async function start(env: Record<string, string> = {}): Promise<ServerProcess> {
  const p = await startServerProcess(t.testDb, { ...ENV, ...env }, { captureStdout: true });
  started.push(p);
  return p;
}

/** The actions each committed sweep batch of a process logged. */
function loggedActions(p: ServerProcess): number[] {
  return p
    .stdout()
    .split('\n')
    .filter((l) => l.includes('"SLA sweep batch committed"'))
    .map((l) => (JSON.parse(l) as { actions: number }).actions);
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

const k = () => t.ctx.db;
const actions = () => k().selectFrom('sla_actions').select(['action_key', 'ticket_id', 'level']).where('ticket_id', 'in', ticketIds).execute();
async function breachEvents() {
  const rows = await k().selectFrom('outbox').select(['id', 'payload']).where('event', '=', 'ticket.sla_breached').execute();
  return rows.map((r) => ({ id: Number(r.id), ...(JSON.parse(r.payload) as { ticketId: number; actionKey: string }) }));
}
const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) => Number((await q.executeTakeFirstOrThrow()).n);
const pendingJobs = () =>
  count(
    k()
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['ready', 'running']),
  );
const undispatched = () =>
  count(
    k()
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('dispatched_at', 'is', null),
  );

/** Each ticket has all its actions or none: whole batches committed; and the keys are one per row. */
function expectWholeTickets(rows: Awaited<ReturnType<typeof actions>>) {
  const perTicket = new Map<number, number>();
  for (const r of rows) perTicket.set(Number(r.ticket_id), (perTicket.get(Number(r.ticket_id)) ?? 0) + 1);
  expect([...new Set(perTicket.values())]).toEqual(rows.length === 0 ? [] : [PER_TICKET]);
  expect(new Set(rows.map((r) => r.action_key)).size).toBe(rows.length);
  expect(rows.every((r) => r.level === 'breach')).toBe(true);
}

/** Exactly one event per action key, none without its action. */
async function expectOneEventPerAction(rows: Awaited<ReturnType<typeof actions>>) {
  const events = (await breachEvents()).filter((e) => ticketIds.includes(e.ticketId));
  expect(events.map((e) => e.actionKey).sort()).toEqual(rows.map((r) => r.action_key).sort());
  return events;
}

async function until(what: string, done: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe(`an SLA sweep killed half way (${N} breached tickets, batches of ${BATCH})`, () => {
  it('leaves whole batches behind, and the next process does every action, event and notification once', async () => {
    const t0 = performance.now();
    // The seed: every ticket due for the sweep, nothing taken, nothing undelivered.
    expect(await actions()).toEqual([]);
    expect(await undispatched()).toBe(0);
    expect(await pendingJobs()).toBe(0);
    const due = await k().selectFrom('tickets').select(['sla_next_event_at', 'sla_policy_id']).where('id', 'in', ticketIds).execute();
    expect(due.every((r) => r.sla_policy_id !== null && r.sla_next_event_at !== null && r.sla_next_event_at < Date.now())).toBe(true);

    const armed = { PISHKHAN_TEST_FAULT: 'sla.after_action_claimed', PISHKHAN_TEST_FAULT_AT: String(FAULT_AT) };
    const [a, b] = isPg() ? await Promise.all([start(armed), start()]) : [await start(armed), undefined];
    const tStarted = performance.now();
    b?.signal('SIGSTOP');
    await transaction(k(), (trx) => t.ctx.jobs.enqueue(trx, 'sla.sweep', {}, { uniqueKey: 'test:sla.sweep:first' }));
    const end = await Promise.race([a.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('A was not killed at its fault point')), 60_000))]);
    expect(end.signal).toBe('SIGKILL');
    b?.signal('SIGCONT');
    const tKilled = performance.now();

    // In between, before anything restarts: three whole batches, each action with its one event.
    const written = await actions();
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(ALL);
    expect(written.length).toBe(Math.floor((FAULT_AT - 1) / (BATCH * PER_TICKET)) * BATCH * PER_TICKET);
    expectWholeTickets(written);
    await expectOneEventPerAction(written);
    const logged = loggedActions(a);
    expect(logged.length).toBeGreaterThan(0);
    expect(sum(logged)).toBe(written.length);
    // The killed sweep job is still A's: running under its lease.
    const workerOfA = `%:${a.pid}:%`;
    const heldByA = await k().selectFrom('jobs').select(['id', 'name', 'attempts']).where('status', '=', 'running').where('locked_by', 'like', workerOfA).execute();
    const killedSweep = heldByA.find((j) => j.name === 'sla.sweep');
    expect(killedSweep, JSON.stringify(heldByA)).toBeDefined();
    expect(killedSweep!.attempts).toBe(1);
    if (b) expect(loggedActions(b)).toEqual([]);

    // Five minutes later A's leases have expired (set here rather than waited for).
    await k()
      .updateTable('jobs')
      .set({ locked_until: Date.now() - 1 })
      .where('status', '=', 'running')
      .where('locked_by', 'like', workerOfA)
      .execute();
    // And the next minute's sweep comes due while the taken-over one runs: two sweeps over the same
    // due tickets at once (PostgreSQL: side by side; they meet on the same action keys).
    await transaction(k(), (trx) => t.ctx.jobs.enqueue(trx, 'sla.sweep', {}, { uniqueKey: 'test:sla.sweep:next-slot' }));
    // PostgreSQL: B takes the sweeps over; then A restarts (SQLite: A restarted takes them).
    if (b) await until('B to take the sweep over', async () => loggedActions(b).length > 0, 30_000);
    const again = await start();
    await until(
      'every action recorded and delivered',
      async () => (await actions()).length === ALL && (await undispatched()) === 0 && (await pendingJobs()) === 0,
      60_000,
    );
    const tDone = performance.now();
    // Done once is done: sweeping every ticket again (each one's next SLA event brought to now, as a
    // recompute does for actions it leaves to the sweep) meets every key already claimed and takes
    // nothing — on SQLite, whose one writer never lets two sweeps meet, this is where a claim that did
    // not hold would record second events.
    await k().updateTable('tickets').set({ sla_next_event_at: Date.now() - 60_000 }).where('id', 'in', ticketIds).execute();
    await transaction(k(), (trx) => t.ctx.jobs.enqueue(trx, 'sla.sweep', {}, { uniqueKey: 'test:sla.sweep:again' }));
    const sweptAgain = () => k().selectFrom('jobs').select('status').where('unique_key', '=', 'test:sla.sweep:again').executeTakeFirstOrThrow();
    await until('the sweep again to run', async () => (await sweptAgain()).status === 'done' && (await undispatched()) === 0 && (await pendingJobs()) === 0, 30_000);

    // Exactly one action per key, one event per action, one notification per (event, recipient).
    const rows = await actions();
    expect(rows).toHaveLength(ALL);
    expect(new Set(rows.map((r) => Number(r.ticket_id)))).toEqual(new Set(ticketIds));
    expectWholeTickets(rows);
    const events = await expectOneEventPerAction(rows);
    const notes = await k().selectFrom('notifications').select(['user_id', 'dedupe_key', 'ticket_id']).where('kind', '=', 'ticket.sla_breached').execute();
    const expected = events.flatMap((e) => members.map((u) => `${e.id}:user:${u}`)).sort();
    expect(notes.map((n) => n.dedupe_key).sort()).toEqual(expected);
    const mails = await k().selectFrom('outbound_messages').select('dedupe_key').where('notification_kind', '=', 'ticket.sla_breached').execute();
    expect(mails.map((m) => m.dedupe_key).sort()).toEqual(expected.map((key) => `notification:${key}`).sort());
    // The killed sweep job ran again, whole, once.
    const rerun = await k().selectFrom('jobs').select(['status', 'attempts']).where('id', '=', killedSweep!.id).executeTakeFirstOrThrow();
    expect(rerun).toEqual({ status: 'done', attempts: 2 });

    // Both did work: the dead process's committed batches and the others' add up to one action per key.
    const byA = sum(loggedActions(a));
    const byB = b ? sum(loggedActions(b)) : 0;
    const byAgain = sum(loggedActions(again));
    expect(byA).toBeGreaterThan(0);
    expect(b ? byB : byAgain).toBeGreaterThan(0);
    expect(byA + byB + byAgain).toBe(ALL);
    console.log(
      `[timing ${t.dialect}] sla sweep kill: ${N} tickets, ${ALL} actions; started in ${Math.round(tStarted - t0)} ms, A killed after ${Math.round(tKilled - tStarted)} ms ` +
        `with ${written.length} committed; recovered in ${Math.round(tDone - tKilled)} ms (actions by A ${byA}, B ${byB}, A again ${byAgain}); ${notes.length} notifications, ${mails.length} mails`,
    );
  }, 180_000);
});
