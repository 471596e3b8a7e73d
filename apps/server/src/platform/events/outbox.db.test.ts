import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withTestJobs, type TestApp } from '../../../test/harness.ts';
import { transaction } from '../db/index.ts';
import { createLogger } from '../logging/logger.ts';
import { createEventDispatcher, recordEvent, type EventJob } from './index.ts';

let t: TestApp;
const handled: Array<EventJob<'ticket.merged'>> = [];

beforeAll(async () => {
  t = await createTestApp();
  const { jobs, events } = withTestJobs<{ 'test.merged_a': EventJob<'ticket.merged'>; 'test.merged_b': EventJob<'ticket.merged'> }>(t);
  jobs.define({
    name: 'test.merged_a',
    async handler({ payload }) {
      handled.push(payload);
    },
  });
  jobs.define({ name: 'test.merged_b', async handler() {} });
  events.subscribe('ticket.merged', 'test.merged_a');
  events.subscribe('ticket.merged', 'test.merged_b');
});
afterAll(() => t.destroy());

/** Records `ticket.merged` events in one committed transaction; returns their outbox ids. */
async function recordMerged(...sources: number[]): Promise<number[]> {
  const before = await lastOutboxId();
  await transaction(t.ctx.db, async (trx) => {
    for (const s of sources) await recordEvent(trx, t.clock, 'ticket.merged', { sourceTicketId: s, targetTicketId: 1, actorUserId: null });
  });
  const rows = await t.ctx.db.selectFrom('outbox').select('id').where('id', '>', before).orderBy('id').execute();
  return rows.map((r) => r.id);
}
async function lastOutboxId(): Promise<number> {
  return (await t.ctx.db.selectFrom('outbox').select('id').orderBy('id', 'desc').executeTakeFirst())?.id ?? 0;
}
const jobsFor = (outboxIds: number[]) =>
  t.ctx.db
    .selectFrom('jobs')
    .select(['name', 'unique_key', 'payload'])
    .where(
      'unique_key',
      'in',
      outboxIds.flatMap((id) => [`test.merged_a:${id}`, `test.merged_b:${id}`]),
    )
    .orderBy('unique_key')
    .execute();

describe('outbox dispatcher', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('an event recorded in a transaction that rolls back is never written nor dispatched', async () => {
    const before = await lastOutboxId();
    await expect(
      transaction(t.ctx.db, async (trx) => {
        await recordEvent(trx, t.clock, 'ticket.merged', { sourceTicketId: 99, targetTicketId: 1, actorUserId: null });
        throw new Error('the command failed after recording its event');
      }),
    ).rejects.toThrow('the command failed');
    await t.ctx.events.dispatchPending();
    expect(await t.ctx.db.selectFrom('outbox').select('id').where('id', '>', before).execute()).toEqual([]);
    const stray = await t.ctx.db.selectFrom('jobs').select('payload').where('name', '=', 'test.merged_a').execute();
    expect(stray.some((j) => JSON.parse(j.payload).payload.sourceTicketId === 99)).toBe(false);
  });

  it('dispatching twice creates one job per subscriber and event, and marks the events dispatched', async () => {
    const ids = await recordMerged(10, 11, 12);
    expect(await t.ctx.events.dispatchPending()).toBeGreaterThanOrEqual(3);
    expect(await t.ctx.events.dispatchPending()).toBe(0);
    // Even a dispatcher that sees the same events again (reset by hand) adds no job.
    await t.ctx.db.updateTable('outbox').set({ dispatched_at: null }).where('id', 'in', ids).execute();
    expect(await t.ctx.events.dispatchPending()).toBe(3);

    const jobs = await jobsFor(ids);
    expect(jobs).toHaveLength(6);
    expect(jobs.map((j) => j.unique_key)).toEqual(ids.flatMap((id) => [`test.merged_a:${id}`, `test.merged_b:${id}`]).sort());
    const dispatched = await t.ctx.db.selectFrom('outbox').select('dispatched_at').where('id', 'in', ids).execute();
    expect(dispatched.every((d) => d.dispatched_at === t.clock.now())).toBe(true);

    const first = JSON.parse(jobs.find((j) => j.unique_key === `test.merged_a:${ids[0]}`)!.payload);
    expect(first).toEqual({ outboxId: ids[0], event: 'ticket.merged', payload: { sourceTicketId: 10, targetTicketId: 1, actorUserId: null }, occurredAt: t.clock.now() });

    await t.ctx.jobs.drain();
    const mine = handled.filter((h) => ids.includes(h.outboxId));
    expect(mine.map((h) => h.payload.sourceTicketId)).toEqual([10, 11, 12]);
  });

  it('dispatches in id order across batches, and marks events nobody subscribes to', async () => {
    const small = createEventDispatcher({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger: createLogger('silent'), jobs: t.ctx.jobs, batchSize: 2 });
    small.subscribe('ticket.merged', 'test.merged_a');
    const ids = await recordMerged(20, 21, 22, 23, 24);
    const unsubscribed = await (async () => {
      const before = await lastOutboxId();
      await transaction(t.ctx.db, (trx) => recordEvent(trx, t.clock, 'ticket.updated', { ticketId: 5, actorUserId: null, fields: ['title'] }));
      return (await t.ctx.db.selectFrom('outbox').select('id').where('id', '>', before).executeTakeFirstOrThrow()).id;
    })();
    expect(await small.dispatchPending()).toBeGreaterThanOrEqual(6);
    const jobs = await t.ctx.db
      .selectFrom('jobs')
      .select(['id', 'unique_key'])
      .where('unique_key', 'in', ids.map((id) => `test.merged_a:${id}`))
      .orderBy('id')
      .execute();
    expect(jobs.map((j) => j.unique_key)).toEqual(ids.map((id) => `test.merged_a:${id}`));
    const row = await t.ctx.db.selectFrom('outbox').select('dispatched_at').where('id', '=', unsubscribed).executeTakeFirstOrThrow();
    expect(row.dispatched_at).not.toBeNull();
    await t.ctx.jobs.drain();
  });

  it('a subscription with `when` makes jobs only of the events it holds for, and marks the others dispatched all the same', async () => {
    const picky = createEventDispatcher({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger: createLogger('silent'), jobs: t.ctx.jobs });
    picky.subscribe('ticket.merged', 'test.merged_a', (merged) => merged.sourceTicketId % 2 === 0);
    const ids = await recordMerged(40, 41, 42);
    expect(await picky.dispatchPending()).toBeGreaterThanOrEqual(3);
    expect((await jobsFor(ids)).map((j) => j.unique_key)).toEqual([`test.merged_a:${ids[0]}`, `test.merged_a:${ids[2]}`]);
    const rows = await t.ctx.db.selectFrom('outbox').select('dispatched_at').where('id', 'in', ids).execute();
    expect(rows.every((r) => r.dispatched_at !== null)).toBe(true);
    await t.ctx.jobs.drain();
  });

  it('once started, it dispatches what is pending and is woken by every commit that records an event', async () => {
    const pending = await recordMerged(30);
    const bus = createEventDispatcher({ db: t.ctx.db, dialect: t.ctx.dialect, clock: t.clock, logger: createLogger('silent'), jobs: t.ctx.jobs, sweepMs: 60_000 });
    bus.subscribe('ticket.merged', 'test.merged_a');
    bus.start();
    try {
      await waitFor(async () => (await jobsFor(pending)).length > 0);
      const woken = await recordMerged(31);
      await waitFor(async () => (await jobsFor(woken)).length > 0);
    } finally {
      await bus.stop();
    }
    await t.ctx.jobs.drain();
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
