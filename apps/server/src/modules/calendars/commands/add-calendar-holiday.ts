import type { AddHolidayBody } from '@pishkhan/contracts';
import { isValidCivilDate } from '@pishkhan/calendar';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { invalidInput } from '../../../platform/http/input-issues.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import { checkedDay } from '../calendar-fields.ts';
import { recordCalendarChange } from '../calendar-history.ts';
import type { CalendarContext } from '../calendars.context.ts';
import { calendarPolicy } from '../calendars.policy.ts';
import { findCalendarForUpdate, insertHoliday, updateCalendarAtVersion, type HolidayRow } from '../calendars.repository.ts';

/** An admin adds a day off: once on a date (Jalali or Gregorian), or every year on a Jalali month and day. */
export const addCalendarHoliday = defineCommand('calendar.add_holiday', async (ctx: CalendarContext, input: { actor: Actor; id: number } & AddHolidayBody): Promise<HolidayRow> => {
  const row = authorizeEdit(calendarPolicy, input.actor, 'update', await findCalendarForUpdate(ctx.db, input.id), input.version);
  if ((input.date === undefined) === (input.yearly === undefined)) throw invalidInput('date', 'holiday_date');
  const day = input.date ? checkedDay('date', input.date) : null;
  if (input.yearly && !isValidCivilDate({ calendar: 'jalali', year: 1403, ...input.yearly })) throw invalidInput('yearly', 'civil_date');
  const updated = await updateCalendarAtVersion(ctx.db, row.id, row.version, { updated_at: ctx.clock.now() });
  const holiday = await insertHoliday(ctx.db, {
    calendar_id: row.id,
    kind: input.kind ?? 'custom',
    epoch_day: day,
    jalali_month: input.yearly?.month ?? null,
    jalali_day: input.yearly?.day ?? null,
    hours: null,
    name_fa: input.name.fa,
    name_en: input.name.en,
    region: null,
    created_at: ctx.clock.now(),
  });
  await recordCalendarChange(ctx.db, ctx.clock, input.actor, {
    calendarId: row.id,
    version: updated.version,
    reason: 'holiday',
    action: 'holiday_added',
    details: { holidayId: holiday.id, epochDay: day, yearly: input.yearly ?? null, name: input.name },
  });
  return holiday;
});
