import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breachPenalty, firstUnorderedTier, periodPenalty, type PenaltyTermsN } from './penalties.ts';

const rials = fc.bigInt({ min: 0n, max: 10n ** 15n });
/** Valid terms: tiers ascending in `from` with rates never lower than before. */
const terms: fc.Arbitrary<PenaltyTermsN> = fc
  .record({
    perBreach: rials,
    perHour: rials,
    tierBasis: fc.constantFrom('delay_hours' as const, 'breach_count' as const),
    steps: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 50 }), addBreach: fc.bigInt({ min: 0n, max: 10n ** 12n }), addHour: fc.bigInt({ min: 0n, max: 10n ** 12n }) }), { maxLength: 5 }),
    cap: fc.option(rials, { nil: null }),
  })
  .map(({ steps, ...t }) => {
    let from = 0;
    let perBreach = t.perBreach;
    let perHour = t.perHour;
    const tiers = steps.map((s) => ((from += s.gap), (perBreach += s.addBreach), (perHour += s.addHour), { from, perBreach, perHour }));
    return { ...t, tiers };
  });
const delay = fc.integer({ min: 0, max: 60 * 24 * 365 });

describe('penalties (pure, integer Rials)', () => {
  it('never exceeds the cap, and is the plain sum when under it', () => {
    fc.assert(
      fc.property(terms, fc.array(delay, { maxLength: 40 }), (t, delays) => {
        const r = periodPenalty(t, delays.map((delayMinutes) => ({ delayMinutes })));
        expect(typeof r.total).toBe('bigint');
        if (t.cap !== null) expect(r.total <= t.cap).toBe(true);
        expect(r.subtotal).toBe(r.lines.reduce((s, l) => s + l.amount, 0n));
        expect(r.total).toBe(r.capped ? t.cap : r.subtotal);
        for (const l of r.lines) expect(l.amount >= 0n).toBe(true);
      }),
    );
  });

  it('is monotonic in the delay (one breach, and a period total)', () => {
    fc.assert(
      fc.property(terms, delay, delay, fc.integer({ min: 1, max: 30 }), (t, a, b, ordinal) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(breachPenalty(t, { delayMinutes: lo }, ordinal).amount <= breachPenalty(t, { delayMinutes: hi }, ordinal).amount).toBe(true);
        expect(periodPenalty(t, [{ delayMinutes: lo }]).total <= periodPenalty(t, [{ delayMinutes: hi }]).total).toBe(true);
      }),
    );
  });

  it('one more breach never lowers the total', () => {
    fc.assert(fc.property(terms, fc.array(delay, { maxLength: 20 }), delay, (t, delays, extra) => {
      const before = periodPenalty(t, delays.map((delayMinutes) => ({ delayMinutes }))).total;
      expect(before <= periodPenalty(t, [...delays, extra].map((delayMinutes) => ({ delayMinutes }))).total).toBe(true);
    }));
  });

  it('counts per breach plus per started business hour rounded down to the Rial, by tier', () => {
    const t: PenaltyTermsN = { perBreach: 1_000_000n, perHour: 100_000n, tierBasis: 'delay_hours', tiers: [{ from: 4, perBreach: 2_000_000n, perHour: 250_000n }], cap: 5_000_000n };
    expect(breachPenalty(t, { delayMinutes: 90 }, 1)).toEqual({ tier: null, perBreach: 1_000_000n, perHour: 100_000n, amount: 1_150_000n });
    expect(breachPenalty(t, { delayMinutes: 4 * 60 }, 1)).toEqual({ tier: 4, perBreach: 2_000_000n, perHour: 250_000n, amount: 3_000_000n });
    expect(breachPenalty(t, { delayMinutes: 1 }, 1).amount).toBe(1_001_666n);
    expect(periodPenalty(t, [{ delayMinutes: 90 }, { delayMinutes: 240 }, { delayMinutes: 0 }])).toMatchObject({ subtotal: 5_150_000n, total: 5_000_000n, capped: true });
    const byCount: PenaltyTermsN = { ...t, tierBasis: 'breach_count', tiers: [{ from: 3, perBreach: 3_000_000n, perHour: 100_000n }], cap: null };
    expect(periodPenalty(byCount, [{ delayMinutes: 0 }, { delayMinutes: 0 }, { delayMinutes: 0 }]).lines.map((l) => l.tier)).toEqual([null, null, 3]);
    // Past 2^53: exact.
    const huge = periodPenalty({ ...t, cap: null }, Array.from({ length: 10 }, () => ({ delayMinutes: 525_600 * 100 })));
    expect(huge.total).toBe(10n * (2_000_000n + 250_000n * 52_560_000n / 60n));
  });

  it('finds tiers that would make the penalty fall', () => {
    expect(firstUnorderedTier({ perBreach: 5n, perHour: 1n, tiers: [{ from: 2, perBreach: 5n, perHour: 1n }, { from: 2, perBreach: 6n, perHour: 1n }] })).toBe(1);
    expect(firstUnorderedTier({ perBreach: 5n, perHour: 1n, tiers: [{ from: 2, perBreach: 4n, perHour: 1n }] })).toBe(0);
    expect(firstUnorderedTier({ perBreach: 5n, perHour: 1n, tiers: [{ from: 2, perBreach: 5n, perHour: 2n }] })).toBe(-1);
  });
});
