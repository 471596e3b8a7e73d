import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileCalendar, DEFAULT_CALENDAR, isWorkingTime } from '@pishkhan/calendar';
import { slaClocks, type ClockFacts, type ClockPolicy } from './sla-clock.ts';

const tehran = compileCalendar(DEFAULT_CALENDAR);
const H = 3_600_000;
// Saturday 2026-11-28 08:00 Tehran (04:30 UTC).
const SAT = Date.UTC(2026, 10, 28, 4, 30);
const policy: ClockPolicy = { firstResponse: 60, nextResponse: 120, resolution: 480, pauseOnThirdParty: false, warnAtPercent: 75 };
const facts = (over: Partial<ClockFacts> = {}): ClockFacts => ({ status: 'new', channel: 'portal', createdAt: SAT, firstResponseAt: null, resolvedAt: null, statusChanges: [], replies: [], ...over });
const target = (c: ReturnType<typeof slaClocks>, name: string) => c.targets.find((t) => t.target === name)!;

describe('SLA clocks', () => {
  it('runs first response and resolution in business time from creation, warning at the share', () => {
    const c = slaClocks(tehran, policy, facts(), SAT + 10 * 60_000);
    expect(target(c, 'first_response')).toMatchObject({ dueAt: SAT + H, warnAt: SAT + 45 * 60_000, breached: false, metAt: null });
    expect(target(c, 'resolution').dueAt).toBe(SAT + 8 * H);
    expect(c.nextEventAt).toBe(SAT + 45 * 60_000);
    expect(c.targets.some((t) => t.target === 'next_response')).toBe(false);
  });

  it('has a phone ticket opened by an agent met at creation', () => {
    const c = slaClocks(tehran, policy, facts({ channel: 'phone' }), SAT + 5 * H);
    expect(target(c, 'first_response')).toMatchObject({ metAt: SAT, breached: false });
  });

  it('breaches an unmet target at its due time, and a late answer stays breached', () => {
    expect(target(slaClocks(tehran, policy, facts(), SAT + H - 1), 'first_response').breached).toBe(false);
    expect(target(slaClocks(tehran, policy, facts(), SAT + H), 'first_response').breached).toBe(true);
    const late = facts({ firstResponseAt: SAT + 2 * H, replies: [{ at: SAT + 2 * H, by: 'agent' }] });
    expect(target(slaClocks(tehran, policy, late, SAT + 3 * H), 'first_response')).toMatchObject({ breached: true, metAt: SAT + 2 * H });
  });

  it('starts next response at each public customer reply after the first response and stops it at the next agent reply', () => {
    const replies = [
      { at: SAT + 10 * 60_000, by: 'agent' },
      { at: SAT + H, by: 'contact' },
    ];
    const waiting = slaClocks(tehran, policy, facts({ firstResponseAt: SAT + 10 * 60_000, replies }), SAT + 2 * H);
    expect(target(waiting, 'next_response')).toMatchObject({ startedAt: SAT + H, dueAt: SAT + 3 * H, metAt: null });
    const answered = slaClocks(tehran, policy, facts({ firstResponseAt: SAT + 10 * 60_000, replies: [...replies, { at: SAT + 2 * H, by: 'agent' }] }), SAT + 4 * H);
    expect(target(answered, 'next_response')).toMatchObject({ metAt: SAT + 2 * H, breached: false });
  });

  it('pauses resolution on pending_customer (not pending_third_party unless the policy says so), keeping the elapsed time', () => {
    const changes = [
      { at: SAT + H, to: 'pending_customer' },
      { at: SAT + 3 * H, to: 'open' },
    ];
    const paused = slaClocks(tehran, policy, facts({ status: 'pending_customer', statusChanges: changes.slice(0, 1) }), SAT + 2 * H);
    expect(paused).toMatchObject({ paused: true, elapsedMs: H, pausedMs: H });
    expect(target(paused, 'resolution').dueAt).toBeNull();
    const resumed = slaClocks(tehran, policy, facts({ status: 'open', statusChanges: changes }), SAT + 4 * H);
    expect(resumed).toMatchObject({ paused: false, elapsedMs: 2 * H, pausedMs: 2 * H });
    // 8 h target + 2 h paused from Saturday 08:00: Saturday's 8 h, then Sunday 08:00–10:00.
    expect(target(resumed, 'resolution').dueAt).toBe(SAT + 26 * H);
    const third = [{ at: SAT + H, to: 'pending_third_party' }];
    expect(slaClocks(tehran, policy, facts({ status: 'pending_third_party', statusChanges: third }), SAT + 2 * H).paused).toBe(false);
    expect(slaClocks(tehran, { ...policy, pauseOnThirdParty: true }, facts({ status: 'pending_third_party', statusChanges: third }), SAT + 2 * H).paused).toBe(true);
  });

  it('keeps the elapsed time across resolve and reopen', () => {
    const changes = [
      { at: SAT + 2 * H, to: 'resolved' },
      { at: SAT + 5 * H, to: 'open' },
    ];
    const c = slaClocks(tehran, policy, facts({ status: 'open', resolvedAt: null, statusChanges: changes }), SAT + 6 * H);
    expect(c.elapsedMs).toBe(3 * H);
  });

  it('applies a stricter policy to the same start, breaching at once', () => {
    const now = SAT + 2 * H;
    expect(target(slaClocks(tehran, policy, facts(), now), 'resolution').breached).toBe(false);
    expect(target(slaClocks(tehran, { ...policy, resolution: 90 }, facts(), now), 'resolution').breached).toBe(true);
  });

  it('puts every warning and due time in working time, and the next event is never in the past (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * 24 * 30 }), fc.integer({ min: 1, max: 60 * 40 }), fc.integer({ min: 0, max: 60 * 24 * 10 }), (startMin, minutes, ageMin) => {
        const createdAt = SAT + startMin * 60_000;
        const now = createdAt + ageMin * 60_000;
        const c = slaClocks(tehran, { ...policy, firstResponse: minutes, resolution: minutes * 2 }, facts({ createdAt }), now);
        for (const t of c.targets) {
          // A period's end is where time runs out (ADR 0013), so the instant just before is working time.
          if (t.dueAt !== null) expect(isWorkingTime(tehran, t.dueAt - 1)).toBe(true);
          if (t.warnAt !== null) expect(isWorkingTime(tehran, t.warnAt - 1)).toBe(true);
          if (t.dueAt !== null) expect(t.breached).toBe(now >= t.dueAt);
        }
        if (c.nextEventAt !== null) expect(c.nextEventAt).toBeGreaterThan(now);
      }),
      { numRuns: 300 },
    );
  });
});
