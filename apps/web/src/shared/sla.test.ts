import { describe, expect, it } from 'vitest';
import type { TicketSla } from '@pishkhan/contracts';
import { amountOf, dueCell, formatSpan, minutesOf, slaTone, targetViews } from './sla.ts';
import type { DisplayPrefs } from './format.ts';

const fa: DisplayPrefs = { language: 'fa', calendar: 'jalali', digits: 'persian', timeZone: 'Asia/Tehran' };
const en: DisplayPrefs = { language: 'en', calendar: 'gregorian', digits: 'latin', timeZone: 'Asia/Tehran' };
const H = 3_600_000;
const T0 = Date.parse('2026-12-02T06:00:00Z');
const at = (ms: number) => new Date(ms).toISOString();
const clock = (dueAt: number | null, breached = false) => ({ dueAt: dueAt === null ? null : at(dueAt), breached });

function sla(over: Partial<TicketSla>): TicketSla {
  return { policyId: 1, dueAt: null, paused: false, firstResponse: clock(null), nextResponse: clock(null), resolution: clock(null), ...over };
}
const ticket = (s: TicketSla, over: Record<string, unknown> = {}) => ({ status: 'open' as const, createdAt: at(T0), channel: 'portal', firstResponseAt: null, sla: s, ...over });

describe('SLA countdown colouring', () => {
  it('is green before the warning share, amber from it, red at due', () => {
    const due = T0 + 4 * H;
    expect(slaTone(T0 + 2 * H, due, T0, 75)).toBe('green');
    expect(slaTone(T0 + 3 * H - 1, due, T0, 75)).toBe('green');
    expect(slaTone(T0 + 3 * H, due, T0, 75)).toBe('amber');
    expect(slaTone(T0 + 3 * H, due, T0, 90)).toBe('green');
    expect(slaTone(due, due, T0, 75)).toBe('red');
    // No warning configured: the default share (75 %).
    expect(slaTone(T0 + 3.5 * H, due, T0, null)).toBe('amber');
  });

  it('without a start, turns amber in the last hour', () => {
    const due = T0 + 4 * H;
    expect(slaTone(due - H - 1, due, null, 75)).toBe('green');
    expect(slaTone(due - H, due, null, 75)).toBe('amber');
  });
});

describe('SLA target states', () => {
  it('shows a running first response and resolution with their tones', () => {
    const s = sla({ dueAt: at(T0 + 4 * H), firstResponse: clock(T0 + 4 * H), resolution: clock(T0 + 24 * H) });
    const views = targetViews(ticket(s), 75, T0 + 3.5 * H);
    expect(views.map((v) => [v.target, v.state, v.tone])).toEqual([['firstResponse', 'running', 'amber'], ['resolution', 'running', 'green']]);
  });

  it('marks a first response met once answered, a response due before the running one met', () => {
    const s = sla({ dueAt: at(T0 + 24 * H), firstResponse: clock(T0 + 4 * H), nextResponse: clock(T0 + 6 * H), resolution: clock(T0 + 24 * H) });
    const views = targetViews(ticket(s, { firstResponseAt: at(T0 + H) }), 75, T0 + 7 * H);
    expect(views.map((v) => [v.target, v.state])).toEqual([['firstResponse', 'met'], ['nextResponse', 'met'], ['resolution', 'running']]);
  });

  it('shows paused resolution as paused, breached in red, and everything met when resolved', () => {
    const paused = sla({ paused: true, firstResponse: clock(T0 + 4 * H, true) });
    expect(targetViews(ticket(paused, { status: 'pending_customer' }), 75, T0 + 5 * H).map((v) => [v.target, v.state, v.tone])).toEqual([['firstResponse', 'breached', 'red'], ['resolution', 'paused', 'gray']]);
    const resolved = sla({ firstResponse: clock(T0 + 4 * H), resolution: clock(null) });
    expect(targetViews(ticket(resolved, { status: 'resolved', firstResponseAt: at(T0 + H) }), 75, T0 + 5 * H).map((v) => v.state)).toEqual(['met', 'met']);
  });

  it('shows a running target past due as breached before the sweep flags it; no policy, nothing', () => {
    const s = sla({ dueAt: at(T0 + 4 * H), firstResponse: clock(T0 + 4 * H) });
    expect(targetViews(ticket(s), 75, T0 + 4 * H)[0]?.state).toBe('breached');
    expect(targetViews(ticket(sla({ policyId: null })), 75, T0)).toEqual([]);
    expect(dueCell(ticket(s), T0 + H)).toEqual({ dueAt: T0 + 4 * H, tone: 'green', state: 'running' });
    expect(dueCell(ticket(s), T0 + 3.5 * H).tone).toBe('amber');
    expect(dueCell(ticket(sla({ paused: true })), T0).state).toBe('paused');
  });
});

describe('SLA target formatting', () => {
  it('writes a span in two units at most, in the user’s language and digits', () => {
    expect(formatSpan(2 * H + 5 * 60_000, en)).toBe('2 hours and 5 minutes');
    expect(formatSpan(2 * H + 5 * 60_000, fa)).toBe('۲ ساعت و ۵ دقیقه');
    expect(formatSpan(26 * H, en)).toBe('1 day and 2 hours');
    expect(formatSpan(-30 * 60_000, en)).toBe('30 minutes');
    expect(formatSpan(10_000, en)).toBe('1 minute');
  });

  it('edits business minutes as whole hours or minutes', () => {
    expect(amountOf(240)).toEqual({ amount: 4, unit: 'hours' });
    expect(amountOf(90)).toEqual({ amount: 90, unit: 'minutes' });
    expect(amountOf(undefined)).toBeNull();
    expect(minutesOf({ amount: 4, unit: 'hours' })).toBe(240);
    expect(minutesOf({ amount: 0, unit: 'hours' })).toBeUndefined();
    expect(minutesOf({ amount: Number.NaN, unit: 'minutes' })).toBeUndefined();
  });
});
