import { ManualClock } from '../src/platform/clock/index.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { expectStatus, makeDesk, type Desk } from '../src/modules/tickets/tickets.test-kit.ts';

/**
 * The start the SLA and contracts tests share: the desk of makeDesk on an app whose clock stands
 * at Saturday 2026-11-28 (1405/9/7) 08:00 in Tehran, a full working day ahead, so due times fall
 * where the tests can count them by hand.
 */

export const H = 3_600_000;

export interface SlaTestApp {
  t: TestApp;
  d: Desk;
  /** Everything the outbox (and, with `ticks`, the schedules) cause, as the runner would. */
  settle(ticks?: boolean): Promise<void>;
}

export async function slaTestApp(): Promise<SlaTestApp> {
  const t = await createTestApp({ clock: new ManualClock(Date.UTC(2026, 10, 28, 4, 30)) });
  const d = await makeDesk(t);
  const settle = async (ticks = false) => {
    if (ticks) await t.ctx.jobs.tickSchedules();
    // A few rounds: a job's events can enqueue jobs whose events enqueue more.
    for (let i = 0; i < 4; i++) {
      await t.ctx.jobs.drain();
      await t.ctx.events.dispatchPending();
    }
    await t.ctx.jobs.drain();
  };
  return { t, d, settle };
}

/** The installation's default SLA policy (on the Tehran calendar), as an admin lists it. */
export async function defaultPolicy(d: Desk): Promise<{ id: number; isDefault: boolean; calendarId: number }> {
  const items = expectStatus(await d.adminOnly.client.get('/api/v1/admin/sla/policies'), 200).items as { id: number; isDefault: boolean; calendarId: number }[];
  return items.find((p) => p.isDefault)!;
}
