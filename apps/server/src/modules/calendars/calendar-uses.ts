import type { Db } from '../../schema.ts';

/** Something that runs on a calendar and keeps it from being deleted. */
export interface CalendarUse {
  /** A term of the `calendar_use` family: `sla_policy`, `agent_duty`, `group_assignment`. */
  kind: string;
  id: number;
  name: string;
}

/**
 * Who runs on a calendar, asked of the modules that refer to calendars (sla's policies, duty's
 * schedules) without calendars importing them: app.ts hands these to `registerCalendars`.
 */
export type CalendarUsesOf = (db: Db, calendarId: number) => Promise<CalendarUse[]>;
