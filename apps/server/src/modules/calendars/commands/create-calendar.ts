import type { CreateCalendarBody } from '@pishkhan/contracts';
import { IRANIAN_WEEK } from '@pishkhan/calendar';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { calendarColumns } from '../calendar-fields.ts';
import { recordCalendarChange } from '../calendar-history.ts';
import type { CalendarContext } from '../calendars.context.ts';
import { assertCalendarAdmin } from '../calendars.policy.ts';
import { insertCalendar, type CalendarRow } from '../calendars.repository.ts';

/** An admin adds a business calendar; unset parts default to Tehran's office week with Iran's official holidays. */
export const createCalendar = defineCommand('calendar.create', async (ctx: CalendarContext, input: { actor: Actor } & CreateCalendarBody): Promise<CalendarRow> => {
  const { actor, ...body } = input;
  assertCalendarAdmin(actor, 'create');
  const columns = calendarColumns(body);
  const now = ctx.clock.now();
  const row = await insertCalendar(ctx.db, {
    name: body.name,
    time_zone: columns.time_zone ?? 'Asia/Tehran',
    week: columns.week ?? JSON.stringify(IRANIAN_WEEK),
    date_hours: columns.date_hours ?? '[]',
    display_calendar: columns.display_calendar ?? 'jalali',
    official_holidays: columns.official_holidays ?? 1,
    built_in: null,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  await recordCalendarChange(ctx.db, ctx.clock, actor, { calendarId: row.id, version: 1, reason: 'created', action: 'created', details: { name: row.name } });
  return row;
});
