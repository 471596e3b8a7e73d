import type { AddClosureBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import { checkedDay, checkRanges } from '../calendar-fields.ts';
import { recordCalendarChange } from '../calendar-history.ts';
import type { CalendarContext } from '../calendars.context.ts';
import { calendarPolicy } from '../calendars.policy.ts';
import { findCalendarForUpdate, insertHoliday, updateCalendarAtVersion, type HolidayRow } from '../calendars.repository.ts';

const DEFAULT_NAME = { fa: 'تعطیلی اعلام‌شده', en: 'Announced closure' };

/**
 * An unplanned closure (snow, pollution; often one province, announced the evening before): the
 * whole day, or only the hours given. Due times under the calendar move with it.
 */
export const addCalendarClosure = defineCommand('calendar.add_closure', async (ctx: CalendarContext, input: { actor: Actor; id: number } & AddClosureBody): Promise<HolidayRow> => {
  const row = authorizeEdit(calendarPolicy, input.actor, 'update', await findCalendarForUpdate(ctx.db, input.id), input.version);
  const day = checkedDay('date', input.date);
  if (input.hours) checkRanges('hours', input.hours);
  const name = input.name ?? DEFAULT_NAME;
  const updated = await updateCalendarAtVersion(ctx.db, row.id, row.version, { updated_at: ctx.clock.now() });
  const holiday = await insertHoliday(ctx.db, {
    calendar_id: row.id,
    kind: 'closure',
    epoch_day: day,
    jalali_month: null,
    jalali_day: null,
    hours: input.hours && input.hours.length > 0 ? JSON.stringify(input.hours) : null,
    name_fa: name.fa,
    name_en: name.en,
    region: input.region ?? null,
    created_at: ctx.clock.now(),
  });
  await recordCalendarChange(ctx.db, ctx.clock, input.actor, {
    calendarId: row.id,
    version: updated.version,
    reason: 'closure',
    action: 'closure_added',
    details: { holidayId: holiday.id, epochDay: day, hours: input.hours ?? null, region: input.region ?? null, name },
  });
  return holiday;
});
