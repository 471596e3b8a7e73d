import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  DEFAULT_CALENDAR,
  epochDayOf,
  type BusinessDuration,
  type CalendarDefinition,
  iranianHolidayDates,
} from '../../packages/calendar/src/index.ts';
import { recomputeFigures } from './sla-recompute.ts';
import type { BenchSuite } from './types.ts';

/** A deterministic generator, so runs are comparable. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Tehran office hours with Iran's official holidays for 1403–1410, generated from the rules. */
function tehranWithHolidays(): CalendarDefinition {
  return { ...DEFAULT_CALENDAR, name: 'Tehran with holidays 1403–1410', holidays: iranianHolidayDates(1403, 1410) };
}

function opsPerSecond(n: number, loop: () => number): { ops: number; opsPerSec: number; checksum: number } {
  loop(); // warm-up over the same inputs
  const t0 = performance.now();
  const checksum = loop();
  const s = (performance.now() - t0) / 1000;
  return { ops: n, opsPerSec: Math.round(n / s), checksum };
}

export const slaSuite: BenchSuite = {
  name: 'sla',
  description: 'business-time add and between on a compiled Tehran calendar with holidays (one core, in process); recomputing the open tickets after a calendar change (SQLite, pishkhan start)',
  async run(opts) {
    const n = opts.smoke ? 10_000 : 2_000_000;
    const random = mulberry32(11);
    const definition = tehranWithHolidays();
    const from = epochDayOf({ calendar: 'jalali', year: 1403, month: 1, day: 1 }) * 86_400_000;
    const to = epochDayOf({ calendar: 'jalali', year: 1406, month: 1, day: 1 }) * 86_400_000;
    const c0 = performance.now();
    const calendar = compileCalendar(definition, { from, to: epochDayOf({ calendar: 'jalali', year: 1411, month: 1, day: 1 }) * 86_400_000 });
    const compileMs = Math.round((performance.now() - c0) * 10) / 10;

    const starts = new Float64Array(n);
    const ends = new Float64Array(n);
    const durations: BusinessDuration[] = new Array(n);
    for (let i = 0; i < n; i++) {
      starts[i] = from + Math.floor(random() * (to - from));
      // Half in minutes (15 min to 20 business days of 8 h), half in business days (1 to 20).
      durations[i] = i % 2 === 0 ? { minutes: 15 + Math.floor(random() * (20 * 8 * 60 - 15)) } : { businessDays: 1 + Math.floor(random() * 20) };
      ends[i] = starts[i]! + Math.floor(random() * 30 * 86_400_000);
    }
    opts.log(`compiled in ${compileMs} ms; ${n} operations each`);
    const add = opsPerSecond(n, () => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += addBusinessTime(calendar, starts[i]!, durations[i]!) % 1000;
      return sum;
    });
    const between = opsPerSecond(n, () => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += businessTimeBetween(calendar, starts[i]!, ends[i]!);
      return sum;
    });
    const half = n / 2;
    const addMinutes = opsPerSecond(half, () => {
      let sum = 0;
      for (let i = 0; i < n; i += 2) sum += addBusinessTime(calendar, starts[i]!, durations[i]!) % 1000;
      return sum;
    });
    const addDays = opsPerSecond(half, () => {
      let sum = 0;
      for (let i = 1; i < n; i += 2) sum += addBusinessTime(calendar, starts[i]!, durations[i]!) % 1000;
      return sum;
    });
    return {
      node: process.versions.node,
      compileMs,
      holidays: definition.holidays!.length,
      targetOpsPerSec: 1_000_000,
      add: { ops: add.ops, opsPerSec: add.opsPerSec },
      addMinutes: { ops: addMinutes.ops, opsPerSec: addMinutes.opsPerSec },
      addBusinessDays: { ops: addDays.ops, opsPerSec: addDays.opsPerSec },
      between: { ops: between.ops, opsPerSec: between.opsPerSec },
      // BENCH_SLA_RECOMPUTE=0 skips the database part (it seeds ≈ 340,000 tickets first).
      ...(process.env.BENCH_SLA_RECOMPUTE === '0' ? {} : { recompute: await recomputeFigures(opts) }),
    };
  },
};
