import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, withTestJobs, type TestApp } from '../../../test/harness.ts';
import { applyRetention, platformSettings } from './index.ts';

let t: TestApp;
type TestJobs = { 'test.defined': object; 'test.nobody_defines': { tag: string } };
let jobs: ReturnType<typeof withTestJobs<TestJobs>>['jobs'];
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

beforeAll(async () => {
  t = await createTestApp();
  jobs = withTestJobs<TestJobs>(t).jobs;
  jobs.define({ name: 'test.defined', async handler() {} });
});
afterAll(() => t.destroy());

const db = () => t.ctx.db as any;
const jobByTag = async (tag: string) =>
  (await db().selectFrom('jobs').selectAll().execute()).find((j: any) => JSON.parse(j.payload)?.tag === tag);

/** A job row as the runner would have left it, `ago` ms before now. */
async function insertJob(tag: string, status: string, ago: number): Promise<void> {
  const at = t.clock.now() - ago;
  const finished = status === 'done' || status === 'dead';
  await db()
    .insertInto('jobs')
    .values({
      name: 'test.retention',
      payload: JSON.stringify({ tag }),
      status,
      run_at: status === 'ready' ? t.clock.now() + DAY : at,
      attempts: finished ? 1 : 0,
      max_attempts: 5,
      created_at: at,
      updated_at: at,
      finished_at: finished ? at : null,
    })
    .execute();
}
async function insertEvent(tag: string, ago: number, dispatched: boolean): Promise<void> {
  const at = t.clock.now() - ago;
  await db().insertInto('outbox').values({ event: 'test.retention', payload: JSON.stringify({ tag }), created_at: at, dispatched_at: dispatched ? at : null }).execute();
}
const eventTags = async () => (await db().selectFrom('outbox').select('payload').where('event', '=', 'test.retention').orderBy('id').execute()).map((r: any) => JSON.parse(r.payload).tag);
const retentionTags = async () => (await db().selectFrom('jobs').select('payload').where('name', '=', 'test.retention').orderBy('id').execute()).map((r: any) => JSON.parse(r.payload).tag);

describe('a job whose name no process defines', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('stays ready for the timeout (jobs.unknown_dead_after_minutes, 60), then is dead with a message; defined jobs still run', async () => {
    expect(await platformSettings.get(t.ctx.db, 'jobs.unknown_dead_after_minutes')).toBe(60);
    await jobs.enqueue(t.ctx.db, 'test.nobody_defines', { tag: 'orphan-1' });
    t.clock.advance(59 * MINUTE);
    await jobs.drain();
    expect((await jobByTag('orphan-1')).status).toBe('ready');
    await jobs.enqueue(t.ctx.db, 'test.defined', { tag: 'defined-1' }, { runAt: t.clock.now() - 2 * 60 * MINUTE });
    t.clock.advance(2 * MINUTE);
    await jobs.drain();
    const dead = await jobByTag('orphan-1');
    expect([dead.status, dead.last_error, Number(dead.finished_at)]).toEqual(['dead', 'no running process defines this job', t.clock.now()]);
    expect((await jobByTag('defined-1')).status).toBe('done');
  });

  it('follows the setting when an admin shortens it', async () => {
    await platformSettings.set(t.ctx.db, 'jobs.unknown_dead_after_minutes', 5, t.clock.now());
    try {
      await jobs.enqueue(t.ctx.db, 'test.nobody_defines', { tag: 'orphan-2' });
      t.clock.advance(4 * MINUTE);
      await jobs.drain();
      expect((await jobByTag('orphan-2')).status).toBe('ready');
      t.clock.advance(2 * MINUTE);
      await jobs.drain();
      expect((await jobByTag('orphan-2')).status).toBe('dead');
    } finally {
      await platformSettings.set(t.ctx.db, 'jobs.unknown_dead_after_minutes', 60, t.clock.now());
    }
  });
});

describe('retention', () => {
  it('the daily schedule deletes done jobs after 7 days, dead jobs after 90, dispatched events after 7; never ready jobs or undispatched events', async () => {
    await insertJob('done-old', 'done', 7 * DAY + MINUTE);
    await insertJob('done-recent', 'done', 7 * DAY - MINUTE);
    await insertJob('dead-old', 'dead', 90 * DAY + MINUTE);
    await insertJob('dead-recent', 'dead', 90 * DAY - MINUTE);
    await insertJob('ready-old', 'ready', 200 * DAY);
    await insertEvent('dispatched-old', 7 * DAY + MINUTE, true);
    await insertEvent('dispatched-recent', 7 * DAY - MINUTE, true);
    await insertEvent('undispatched-old', 200 * DAY, false);
    expect(await t.ctx.jobs.tickSchedules()).toBeGreaterThanOrEqual(1);
    await jobs.drain();
    const run = (await db().selectFrom('jobs').selectAll().where('name', '=', 'platform.apply_retention').execute()) as any[];
    expect(run.map((j) => j.status)).toEqual(['done']);
    expect(await retentionTags()).toEqual(['done-recent', 'dead-recent', 'ready-old']);
    expect(await eventTags()).toEqual(['dispatched-recent', 'undispatched-old']);
  });

  it('deletes in chunks and says when more is left', async () => {
    await applyRetention(t.ctx.db, { now: t.clock.now() });
    for (let i = 0; i < 5; i++) await insertJob(`chunk-${i}`, 'done', 30 * DAY);
    const before = (await retentionTags()).length;
    const first = await applyRetention(t.ctx.db, { now: t.clock.now(), chunk: 2, chunksPerRun: 2 });
    expect([first.doneJobs, first.more]).toEqual([4, true]);
    expect((await retentionTags()).filter((tag: string) => tag.startsWith('chunk-'))).toEqual(['chunk-4']);
    const second = await applyRetention(t.ctx.db, { now: t.clock.now(), chunk: 2, chunksPerRun: 2 });
    expect([second.doneJobs, second.more]).toEqual([1, false]);
    expect((await retentionTags()).length).toBe(before - 5);
  });
});
