import { ALWAYS_OPEN, IRANIAN_WEEK } from '@pishkhan/calendar';
import { isUniqueViolation } from '../../platform/db/index.ts';
import type { Db } from '../../schema.ts';
import { findBuiltInCalendar, insertCalendar } from './calendars.repository.ts';

const BUILT_IN = [
  { key: 'tehran', name: 'ساعات کاری تهران', week: IRANIAN_WEEK, officialHolidays: 1 },
  { key: '24x7', name: '۲۴ ساعته، ۷ روز هفته', week: ALWAYS_OPEN.week, officialHolidays: 0 },
] as const;

/**
 * First start: the Tehran office calendar (Sat–Wed 08–16, Thu 08–13, Fri off, Iran's official
 * holidays) and a 24×7 one. Idempotent: an existing built-in calendar (edited or not) stays as it is,
 * and a second process's concurrent first start loses the unique race quietly.
 */
export async function ensureDefaultCalendars(db: Db, now: number): Promise<void> {
  for (const c of BUILT_IN) {
    if (await findBuiltInCalendar(db, c.key)) continue;
    try {
      await insertCalendar(db, {
        name: c.name,
        time_zone: 'Asia/Tehran',
        week: JSON.stringify(c.week),
        date_hours: '[]',
        display_calendar: 'jalali',
        official_holidays: c.officialHolidays,
        built_in: c.key,
        version: 1,
        created_at: now,
        updated_at: now,
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
}

/** The id of a built-in calendar ('tehran' is the default for SLA policies). */
export async function builtInCalendarId(db: Db, key: 'tehran' | '24x7'): Promise<number | undefined> {
  return (await findBuiltInCalendar(db, key))?.id;
}
