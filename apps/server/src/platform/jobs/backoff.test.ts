import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, BACKOFF_JITTER, defaultBackoffMs } from './backoff.ts';

describe('defaultBackoffMs', () => {
  it('stays between the exponential delay and that delay plus the jitter, capped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const base = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
        const ms = defaultBackoffMs(attempt, () => r);
        expect(ms).toBeGreaterThanOrEqual(base);
        expect(ms).toBeLessThanOrEqual(Math.round(base * (1 + BACKOFF_JITTER)));
        expect(Number.isSafeInteger(ms)).toBe(true);
      }),
    );
  });

  it('never shrinks from one attempt to the next (without jitter)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (attempt) => {
        expect(defaultBackoffMs(attempt + 1, () => 0)).toBeGreaterThanOrEqual(defaultBackoffMs(attempt, () => 0));
      }),
    );
  });

  it('starts at one second and doubles', () => {
    expect([1, 2, 3, 4].map((a) => defaultBackoffMs(a, () => 0))).toEqual([1000, 2000, 4000, 8000]);
  });
});
