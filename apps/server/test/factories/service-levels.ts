import { systemActor } from '../../src/platform/actor.ts';
import { createCalendar } from '../../src/modules/calendars/commands/create-calendar.ts';
import { addCalendarHoliday } from '../../src/modules/calendars/commands/add-calendar-holiday.ts';
import { createSlaPolicy } from '../../src/modules/sla/commands/create-sla-policy.ts';
import { createSlaRule } from '../../src/modules/sla/commands/create-sla-rule.ts';
import { createContract } from '../../src/modules/contracts/commands/create-contract.ts';
import type { TestApp } from '../harness.ts';
import { unique } from './common.ts';

/** A business calendar made through the command as the system (Tehran week, official holidays), version 1. */
export async function makeCalendar(t: TestApp, name = `Calendar ${unique()}`): Promise<number> {
  return (await createCalendar(t.ctx, { actor: systemActor(), name })).id;
}

/** A custom one-off holiday on a fresh calendar: the calendar (now at version 2) and the holiday. */
export async function makeCalendarHoliday(t: TestApp): Promise<{ calendarId: number; holidayId: number }> {
  const calendarId = await makeCalendar(t);
  const row = await addCalendarHoliday(t.ctx, { actor: systemActor(), id: calendarId, version: 1, date: { calendar: 'jalali', year: 1405, month: 10, day: 1 }, name: { fa: 'یلدا', en: 'Yalda' } });
  return { calendarId, holidayId: row.id };
}

/** An SLA policy on a fresh calendar, made through the command as the system (version 1). */
export async function makeSlaPolicy(t: TestApp): Promise<number> {
  return (await createSlaPolicy(t.ctx, { actor: systemActor(), name: `Policy ${unique()}`, calendarId: await makeCalendar(t), targets: { '3': { firstResponse: 60 } } })).id;
}

/** A global SLA rule (version 1) pointing at a fresh policy. */
export async function makeSlaRule(t: TestApp): Promise<number> {
  return (await createSlaRule(t.ctx, { actor: systemActor(), position: 10, filter: { field: 'type', op: 'eq', value: 'incident' }, policyId: await makeSlaPolicy(t) })).id;
}

/** A contract (version 1) of an organisation on a fresh SLA policy, for 1405 (2026-03-21 … 2027-03-20). */
export async function makeContract(t: TestApp, organizationId: number): Promise<number> {
  return (await createContract(t.ctx, { actor: systemActor(), organizationId, name: `Contract ${unique()}`, startsOn: '2026-03-21', endsOn: '2027-03-20', policyId: await makeSlaPolicy(t) })).id;
}
