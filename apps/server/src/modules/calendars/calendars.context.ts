import type { CommandContext } from '../../platform/commands/index.ts';
import type { Db } from '../../schema.ts';
import type { CalendarUsesOf } from './calendar-uses.ts';

/** What the calendar commands need: the database (or the caller's transaction) and the clock. */
export interface CalendarContext extends CommandContext {
  db: Db;
  /** Who runs on a calendar (a delete of one in use answers 409 calendar.in_use); none when absent. */
  calendarUses?: readonly CalendarUsesOf[];
}
