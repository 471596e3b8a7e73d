import type { UpdateCalendarBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import { calendarColumns } from '../calendar-fields.ts';
import { recordCalendarChange } from '../calendar-history.ts';
import type { CalendarContext } from '../calendars.context.ts';
import { calendarPolicy } from '../calendars.policy.ts';
import { findCalendarForUpdate, updateCalendarAtVersion, type CalendarRow } from '../calendars.repository.ts';

/** An admin edits name, zone, week, date hours, display calendar or the official-holidays switch, at the version seen. */
export const updateCalendar = defineCommand('calendar.update', async (ctx: CalendarContext, input: { actor: Actor; id: number } & UpdateCalendarBody): Promise<CalendarRow> => {
  const { actor, id, version, ...body } = input;
  const row = authorizeEdit(calendarPolicy, actor, 'update', await findCalendarForUpdate(ctx.db, id), version);
  const set = calendarColumns(body);
  const fields = Object.keys(set) as (keyof typeof set)[];
  const updated = await updateCalendarAtVersion(ctx.db, id, row.version, { ...set, updated_at: ctx.clock.now() });
  const details = Object.fromEntries(fields.map((f) => [f, { from: row[f], to: updated[f] }]));
  await recordCalendarChange(ctx.db, ctx.clock, actor, { calendarId: id, version: updated.version, reason: 'updated', action: 'updated', details });
  return updated;
});
