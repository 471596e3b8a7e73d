import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { registerCalendarRoutes } from './calendars.routes.ts';
import type { CalendarUsesOf } from './calendar-uses.ts';

export { ensureDefaultCalendars, builtInCalendarId } from './default-calendars.ts';
export { createCalendarLoader, type CalendarLoader, type LoadedCalendar } from './calendar-loader.ts';
export { calendarVersion } from './calendars.repository.ts';
export type { CalendarUse, CalendarUsesOf } from './calendar-uses.ts';

/** Registers /api/v1/admin/calendars…; emits `calendar.changed` on every change (no jobs of its own). */
export function registerCalendars(app: App, ctx: AppContext, options: { uses?: readonly CalendarUsesOf[] } = {}): Contribution<AppContext> {
  registerCalendarRoutes(app, { ...ctx, calendarUses: options.uses ?? [] });
  return { module: 'calendars' };
}
