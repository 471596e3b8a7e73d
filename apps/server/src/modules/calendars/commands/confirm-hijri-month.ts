import type { ConfirmHijriMonthBody } from '@pishkhan/contracts';
import { actorUserId, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { checkedDay } from '../calendar-fields.ts';
import { hijriStarts } from '../calendar-definition.ts';
import { recordCalendarChange } from '../calendar-history.ts';
import type { CalendarContext } from '../calendars.context.ts';
import { CalendarErrors } from '../calendars.errors.ts';
import { assertCalendarAdmin } from '../calendars.policy.ts';
import {
  calendarsWithOfficialHolidaysForUpdate,
  findHijriConfirmation,
  listHijriConfirmations,
  updateCalendarAtVersion,
  upsertHijriConfirmation,
  type HijriConfirmationRow,
} from '../calendars.repository.ts';

/** An announcement moves a month start by a day, rarely two: farther is a typing mistake. */
const MAX_SHIFT_DAYS = 2;

/**
 * One step for the announcement "Hijri month M of year Y starts on <date>": the start is kept
 * (desk-wide: Iran announces for the whole country) and every calendar that follows the official
 * holidays gets a new version, a history row and `calendar.changed`, so its due times are recomputed.
 */
export const confirmHijriMonth = defineCommand(
  'calendar.confirm_hijri_month',
  async (ctx: CalendarContext, input: { actor: Actor } & ConfirmHijriMonthBody): Promise<{ confirmation: HijriConfirmationRow; calendarIds: number[] }> => {
    assertCalendarAdmin(input.actor, 'confirm');
    const day = checkedDay('startsOn', input.startsOn);
    const existing = await findHijriConfirmation(ctx.db, input.hijriYear, input.hijriMonth);
    const others = (await listHijriConfirmations(ctx.db)).filter((c) => c.id !== existing?.id);
    const previous = existing?.previous_epoch_day ?? hijriStarts(others)(input.hijriYear, input.hijriMonth).epochDay;
    if (Math.abs(day - previous) > MAX_SHIFT_DAYS) throw new DomainError(CalendarErrors['calendar.hijri_start_too_far'], { limit: MAX_SHIFT_DAYS });
    const now = ctx.clock.now();
    const confirmation = await upsertHijriConfirmation(ctx.db, {
      hijri_year: input.hijriYear,
      hijri_month: input.hijriMonth,
      epoch_day: day,
      previous_epoch_day: previous,
      confirmed_by: actorUserId(input.actor),
      created_at: now,
    });
    const calendars = await calendarsWithOfficialHolidaysForUpdate(ctx.db);
    for (const row of calendars) {
      const updated = await updateCalendarAtVersion(ctx.db, row.id, row.version, { updated_at: now });
      await recordCalendarChange(ctx.db, ctx.clock, input.actor, {
        calendarId: row.id,
        version: updated.version,
        reason: 'hijri_confirmation',
        action: 'hijri_month_confirmed',
        details: { hijriYear: input.hijriYear, hijriMonth: input.hijriMonth, epochDay: day, previousEpochDay: previous },
      });
    }
    return { confirmation, calendarIds: calendars.map((c) => c.id) };
  },
);
