import { civilDateOf, compileCalendar, type CompiledCalendar } from '@pishkhan/calendar';
import type { Executor } from '../../schema.ts';
import { definitionOf, OFFICIAL_YEARS_AFTER, OFFICIAL_YEARS_BEFORE } from './calendar-definition.ts';
import { calendarVersion, findCalendar, listHijriConfirmations, listHolidayRows } from './calendars.repository.ts';

/** A calendar ready for business-time arithmetic, at the version it was compiled from. */
export interface LoadedCalendar {
  id: number;
  version: number;
  timeZone: string;
  compiled: CompiledCalendar;
}

export interface CalendarLoader {
  /** The compiled calendar, recompiled only when its version moved; undefined when there is none. */
  load(db: Executor, id: number, now: number): Promise<LoadedCalendar | undefined>;
}

const DAY_MS = 86_400_000;

/**
 * A per-process cache of compiled calendars keyed by id. Each load reads the row's version (one
 * indexed read) and reuses the compiled calendar while it matches, so a change made by any process
 * — which always bumps the version — is seen at the next load.
 */
export function createCalendarLoader(): CalendarLoader {
  const cache = new Map<number, { version: number; year: number; loaded: LoadedCalendar }>();
  return {
    async load(db, id, now) {
      const version = await calendarVersion(db, id);
      if (version === undefined) {
        cache.delete(id);
        return undefined;
      }
      const year = civilDateOf(Math.floor(now / DAY_MS), 'jalali').year;
      const hit = cache.get(id);
      if (hit && hit.version === version && hit.year === year) return hit.loaded;
      const row = await findCalendar(db, id);
      if (!row) return undefined;
      const definition = definitionOf(row, await listHolidayRows(db, id), await listHijriConfirmations(db), {
        fromYear: year - OFFICIAL_YEARS_BEFORE,
        toYear: year + OFFICIAL_YEARS_AFTER,
      });
      const loaded: LoadedCalendar = { id, version: row.version, timeZone: row.time_zone, compiled: compileCalendar(definition) };
      cache.set(id, { version: row.version, year, loaded });
      return loaded;
    },
  };
}
