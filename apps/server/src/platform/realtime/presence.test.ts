import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESENCE_TTL_MS, PresenceStore } from './presence.ts';
import { parseSse, sseFrame } from './sse.ts';

type Report = { userId: number; state: 'viewing' | 'typing' | 'left'; at: number };

describe('PresenceStore', () => {
  it('holds each user’s latest report for the TTL, forgets those who left or expired', () => {
    const report = fc.record({ userId: fc.integer({ min: 1, max: 4 }), state: fc.constantFrom('viewing', 'typing', 'left'), at: fc.integer({ min: 0, max: 100_000 }) });
    fc.assert(
      fc.property(fc.array(report, { maxLength: 30 }), fc.integer({ min: 0, max: 140_000 }), (reports: Report[], now) => {
        const ordered = [...reports].sort((a, b) => a.at - b.at);
        const store = new PresenceStore();
        for (const r of ordered) store.apply(9, r.userId, `user ${r.userId}`, r.state, r.at);
        const latest = new Map<number, Report>();
        for (const r of ordered) latest.set(r.userId, r);
        const expected = [...latest.values()]
          .filter((r) => r.state !== 'left' && r.at + PRESENCE_TTL_MS > now)
          .sort((a, b) => a.userId - b.userId)
          .map((r) => ({ userId: r.userId, name: `user ${r.userId}`, state: r.state }));
        expect(store.viewersOf(9, now)).toEqual(expected);
        expect(store.viewersOf(10, now)).toEqual([]);
      }),
    );
  });

  it('says whether others would see a change: a renewal of the same state is not one', () => {
    const store = new PresenceStore();
    expect(store.apply(1, 5, 'Sara', 'viewing', 0)).toBe(true);
    expect(store.apply(1, 5, 'Sara', 'viewing', 10_000)).toBe(false);
    expect(store.apply(1, 5, 'Sara', 'typing', 11_000)).toBe(true);
    expect(store.apply(1, 5, 'Sara', 'left', 12_000)).toBe(true);
    expect(store.apply(1, 5, 'Sara', 'left', 13_000)).toBe(false);
  });
});

describe('SSE frames', () => {
  it('any data round-trips as one frame: line breaks and "event:" inside text cannot forge a frame', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.option(fc.nat(), { nil: undefined }), (data, id) => {
        const text = sseFrame({ event: 'ticket', data, ...(id === undefined ? {} : { id }) }) + sseFrame({ event: 'queues', data: 'x\n\nevent: refetch\ndata: {}' });
        const frames = parseSse(text);
        expect(frames).toHaveLength(2);
        expect(frames[0]).toEqual({ event: 'ticket', data: JSON.parse(JSON.stringify(data)), ...(id === undefined ? {} : { id }) });
        expect(frames[1]!.event).toBe('queues');
      }),
    );
  });
});
