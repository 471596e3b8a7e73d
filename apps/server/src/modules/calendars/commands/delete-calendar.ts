import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import { recordCalendarChange } from '../calendar-history.ts';
import type { CalendarContext } from '../calendars.context.ts';
import { CalendarErrors } from '../calendars.errors.ts';
import { calendarPolicy } from '../calendars.policy.ts';
import { deleteCalendarRow, findCalendarForUpdate } from '../calendars.repository.ts';

/** An admin deletes a calendar of their own making that nothing runs on (the built-in ones stay; in use: 409); its history is kept. */
export const deleteCalendar = defineCommand('calendar.delete', async (ctx: CalendarContext, input: { actor: Actor; id: number; version: number }): Promise<void> => {
  const row = authorizeEdit(calendarPolicy, input.actor, 'delete', await findCalendarForUpdate(ctx.db, input.id), input.version);
  if (row.built_in) throw new DomainError(CalendarErrors['calendar.built_in']);
  const uses = (await Promise.all((ctx.calendarUses ?? []).map((of) => of(ctx.db, row.id)))).flat();
  if (uses.length > 0) throw new DomainError(CalendarErrors['calendar.in_use'], { kind: uses[0]!.kind, name: uses[0]!.name, uses });
  await deleteCalendarRow(ctx.db, row.id);
  await recordCalendarChange(ctx.db, ctx.clock, input.actor, { calendarId: row.id, version: row.version + 1, reason: 'deleted', action: 'deleted', details: { name: row.name } });
});
