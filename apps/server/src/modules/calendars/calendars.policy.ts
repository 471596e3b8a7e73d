import { hasRole, isDeskAgent, isTrustedSystem, type Actor } from '../../platform/actor.ts';
import { forbidden } from '../../platform/http/errors.ts';
import type { Policy } from '../../platform/policy/index.ts';

export type CalendarAction = 'update' | 'delete';
export const CALENDAR_ACTIONS: readonly CalendarAction[] = ['update', 'delete'];

const isAdmin = (actor: Actor) => isTrustedSystem(actor) || hasRole(actor, 'admin');

/** Every agent reads calendars (due times are told in them); only admins change them. Contacts see none. */
export const calendarPolicy: Policy<{ id: number }, CalendarAction> = {
  entity: 'calendar',
  can(actor, action) {
    if (action === 'read') return isAdmin(actor) || isDeskAgent(actor);
    return isAdmin(actor);
  },
};

/** Lists refuse with 403 (there is no record to hide). */
export function assertCanReadCalendars(actor: Actor): void {
  if (!(isAdmin(actor) || isDeskAgent(actor))) throw forbidden('list');
}

/** Creating a calendar and confirming a Hijri month (desk-wide) are admin work. */
export function assertCalendarAdmin(actor: Actor, action: string): void {
  if (!isAdmin(actor)) throw forbidden(action);
}
