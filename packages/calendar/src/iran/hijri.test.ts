import { describe, expect, it } from 'vitest';
import { estimateHijriMonthStart, hijriMonthStart, officialHijriMonths } from './hijri.ts';
import { isoDateOf } from '../civil-date.ts';

describe('Hijri month starts', () => {
  const months = officialHijriMonths();

  it('reads the official table (1447/1 began on 2025-06-27 in Iran)', () => {
    expect(months).toHaveLength(2194);
    expect(hijriMonthStart(1447, 1)).toEqual({ epochDay: months.find((m) => m.year === 1447 && m.month === 1)!.epochDay, estimated: false });
    expect(isoDateOf(hijriMonthStart(1447, 10).epochDay)).toBe('2026-03-21');
    expect(hijriMonthStart(1447, 11).estimated).toBe(true);
  });

  it('estimates 1420–1447 AH within the bounds the issue sets (≥ 60% exact, ≥ 99% within a day)', () => {
    const tested = months.filter((m) => m.year >= 1420 && m.year <= 1447);
    const errors = new Map<number, number>();
    for (const m of tested) {
      const e = estimateHijriMonthStart(m.year, m.month) - m.epochDay;
      errors.set(e, (errors.get(e) ?? 0) + 1);
    }
    const exact = (errors.get(0) ?? 0) / tested.length;
    const within1 = ((errors.get(-1) ?? 0) + (errors.get(0) ?? 0) + (errors.get(1) ?? 0)) / tested.length;
    console.info(`Hijri estimate over ${tested.length} official months 1420–1447: ${(exact * 100).toFixed(1)}% exact, ${(within1 * 100).toFixed(1)}% within 1 day; errors in days: ${JSON.stringify(Object.fromEntries([...errors].sort((a, b) => a[0] - b[0])))}`);
    expect(tested).toHaveLength(334); // 1420/1 … 1447/10, as far as the table reaches
    expect(exact).toBeGreaterThanOrEqual(0.6);
    expect(within1).toBeGreaterThanOrEqual(0.99);
  });
});
