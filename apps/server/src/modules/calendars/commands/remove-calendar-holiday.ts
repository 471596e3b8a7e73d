import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import { recordCalendarChange } from '../calendar-history.ts';
import type { CalendarContext } from '../calendars.context.ts';
import { calendarPolicy } from '../calendars.policy.ts';
import { deleteHolidayRow, findCalendarForUpdate, findHoliday, updateCalendarAtVersion } from '../calendars.repository.ts';

/** An admin removes a stored holiday or closure (the generated official ones are switched off with the calendar's flag). */
export const removeCalendarHoliday = defineCommand(
  'calendar.remove_holiday',
  async (ctx: CalendarContext, input: { actor: Actor; id: number; holidayId: number; version: number }): Promise<void> => {
    const row = authorizeEdit(calendarPolicy, input.actor, 'update', await findCalendarForUpdate(ctx.db, input.id), input.version);
    const holiday = await findHoliday(ctx.db, row.id, input.holidayId);
    if (!holiday) throw notFound('calendar_holiday');
    await deleteHolidayRow(ctx.db, holiday.id);
    const updated = await updateCalendarAtVersion(ctx.db, row.id, row.version, { updated_at: ctx.clock.now() });
    await recordCalendarChange(ctx.db, ctx.clock, input.actor, {
      calendarId: row.id,
      version: updated.version,
      reason: holiday.kind === 'closure' ? 'closure' : 'holiday',
      action: 'holiday_removed',
      details: { holidayId: holiday.id, kind: holiday.kind, epochDay: holiday.epoch_day, name: { fa: holiday.name_fa, en: holiday.name_en } },
    });
  },
);
