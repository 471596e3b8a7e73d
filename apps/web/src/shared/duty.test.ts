import { describe, expect, it } from 'vitest';
import { epochDayOf } from '@pishkhan/calendar';
import { epochDayIn, startOfDayIn } from './duty.ts';

describe('return dates', () => {
  it('is the start of that day in the user’s zone, and reads back as the same day', () => {
    const day = epochDayOf({ calendar: 'jalali', year: 1405, month: 9, day: 20 });
    expect(startOfDayIn(day, 'Asia/Tehran').toISOString()).toBe('2026-12-10T20:30:00.000Z');
    expect(startOfDayIn(day, 'UTC').toISOString()).toBe('2026-12-11T00:00:00.000Z');
    expect(startOfDayIn(day, 'Europe/Berlin').toISOString()).toBe('2026-12-10T23:00:00.000Z');
    expect(epochDayIn(startOfDayIn(day, 'Asia/Tehran'), 'Asia/Tehran')).toBe(day);
  });
});
