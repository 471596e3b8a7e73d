import { Type } from 'typebox';
import {
  AddClosureBody,
  AddHolidayBody,
  Calendar,
  CalendarHistoryList,
  CalendarHoliday,
  CalendarList,
  CalendarMonth,
  ConfirmHijriMonthBody,
  CreateCalendarBody,
  ErrorEnvelope,
  HijriConfirmation,
  HijriConfirmationList,
  HolidayParams,
  IdParams,
  MonthQuery,
  RemoveHolidayQuery,
  UpdateCalendarBody,
} from '@pishkhan/contracts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import type { CalendarContext } from './calendars.context.ts';
import { authorize, requireUser } from '../../platform/policy/index.ts';
import { addCalendarClosure } from './commands/add-calendar-closure.ts';
import { addCalendarHoliday } from './commands/add-calendar-holiday.ts';
import { confirmHijriMonth } from './commands/confirm-hijri-month.ts';
import { createCalendar } from './commands/create-calendar.ts';
import { deleteCalendar } from './commands/delete-calendar.ts';
import { removeCalendarHoliday } from './commands/remove-calendar-holiday.ts';
import { updateCalendar } from './commands/update-calendar.ts';
import { calendarMonth } from './calendar-month.ts';
import { assertCanReadCalendars, calendarPolicy } from './calendars.policy.ts';
import { presentCalendar, presentCalendarSummary, presentHijriConfirmation, presentHistory, presentHoliday } from './calendars.presenter.ts';
import { findCalendar, listCalendarHistory, listCalendarRows, listHijriConfirmations, listHolidayRows } from './calendars.repository.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };
const edit = { ...errors, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope };
const tags = ['calendars'];
const BASE = '/api/v1/admin/calendars';

/** Business calendars: agents read them, admins edit hours, holidays, closures and Hijri month starts. */
export function registerCalendarRoutes(app: App, ctx: AppContext & Pick<CalendarContext, 'calendarUses'>): void {
  const visible = async (actor: Parameters<typeof requireUser>[0], id: number) => {
    const row = await findCalendar(ctx.db, id);
    authorize(calendarPolicy, requireUser(actor), 'read', row);
    return row!;
  };
  const full = async (actor: Parameters<typeof requireUser>[0], id: number) => {
    const row = await findCalendar(ctx.db, id);
    return presentCalendar(actor, row!, await listHolidayRows(ctx.db, id));
  };

  app.get(BASE, { schema: { tags, summary: 'Business calendars', response: { 200: CalendarList, ...errors } } }, async (request) => {
    assertCanReadCalendars(requireUser(request.actor));
    return { items: (await listCalendarRows(ctx.db)).map((r) => presentCalendarSummary(request.actor, r)) };
  });

  app.post(BASE, { schema: { tags, summary: 'Add a business calendar (admin)', body: CreateCalendarBody, response: { 201: Calendar, ...edit } } }, async (request, reply) => {
    const row = await createCalendar(ctx, { actor: request.actor, ...request.body });
    return reply.status(201).send(presentCalendar(request.actor, row, []));
  });

  app.get(`${BASE}/hijri-confirmations`, { schema: { tags, summary: 'Announced Hijri month starts', response: { 200: HijriConfirmationList, ...errors } } }, async (request) => {
    assertCanReadCalendars(requireUser(request.actor));
    return { items: (await listHijriConfirmations(ctx.db)).map((r) => presentHijriConfirmation(r)) };
  });

  app.post(
    `${BASE}/hijri-confirmations`,
    { schema: { tags, summary: 'Confirm "Hijri month M of year Y starts on <date>" (admin; moves the official holidays of every calendar)', body: ConfirmHijriMonthBody, response: { 201: HijriConfirmation, ...edit } } },
    async (request, reply) => {
      const { confirmation, calendarIds } = await confirmHijriMonth(ctx, { actor: request.actor, ...request.body });
      return reply.status(201).send(presentHijriConfirmation(confirmation, calendarIds));
    },
  );

  app.get(`${BASE}/:id`, { schema: { tags, summary: 'A calendar with its hours and stored holidays', params: IdParams, response: { 200: Calendar, ...errors, 404: ErrorEnvelope } } }, async (request) => {
    await visible(request.actor, request.params.id);
    return full(request.actor, request.params.id);
  });

  app.patch(`${BASE}/:id`, { schema: { tags, summary: 'Edit a calendar (admin)', params: IdParams, body: UpdateCalendarBody, response: { 200: Calendar, ...edit } } }, async (request) => {
    const row = await updateCalendar(ctx, { actor: request.actor, id: request.params.id, ...request.body });
    return presentCalendar(request.actor, row, await listHolidayRows(ctx.db, row.id));
  });

  app.delete(
    `${BASE}/:id`,
    { schema: { tags, summary: 'Delete a calendar (admin; not the built-in ones)', params: IdParams, querystring: RemoveHolidayQuery, response: { 204: Type.Null(), ...edit } } },
    async (request, reply) => {
      await deleteCalendar(ctx, { actor: request.actor, id: request.params.id, version: request.query.version });
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${BASE}/:id/month`,
    { schema: { tags, summary: 'Month view: each day with its working hours, holidays and the estimated flag', params: IdParams, querystring: MonthQuery, response: { 200: CalendarMonth, ...errors, 404: ErrorEnvelope } } },
    async (request) => {
      const row = await visible(request.actor, request.params.id);
      const { calendar = row.display_calendar === 'gregorian' ? 'gregorian' : 'jalali', year, month } = request.query;
      return calendarMonth(row, await listHolidayRows(ctx.db, row.id), await listHijriConfirmations(ctx.db), calendar, year, month);
    },
  );

  app.get(`${BASE}/:id/history`, { schema: { tags, summary: 'Every change of a calendar, newest first', params: IdParams, response: { 200: CalendarHistoryList, ...errors, 404: ErrorEnvelope } } }, async (request) => {
    await visible(request.actor, request.params.id);
    return { items: (await listCalendarHistory(ctx.db, request.params.id)).map(presentHistory) };
  });

  app.post(`${BASE}/:id/holidays`, { schema: { tags, summary: 'Add a holiday, one-off or yearly by Jalali date (admin)', params: IdParams, body: AddHolidayBody, response: { 201: CalendarHoliday, ...edit } } }, async (request, reply) => {
    const holiday = await addCalendarHoliday(ctx, { actor: request.actor, id: request.params.id, ...request.body });
    const row = await findCalendar(ctx.db, request.params.id);
    return reply.status(201).send(presentHoliday(holiday, row?.display_calendar === 'gregorian' ? 'gregorian' : 'jalali'));
  });

  app.delete(
    `${BASE}/:id/holidays/:holidayId`,
    { schema: { tags, summary: 'Remove a stored holiday or closure (admin)', params: HolidayParams, querystring: RemoveHolidayQuery, response: { 204: Type.Null(), ...edit } } },
    async (request, reply) => {
      await removeCalendarHoliday(ctx, { actor: request.actor, id: request.params.id, holidayId: request.params.holidayId, version: request.query.version });
      return reply.status(204).send(null);
    },
  );

  app.post(`${BASE}/:id/closures`, { schema: { tags, summary: 'Enter an unplanned closure: a date, optional hours, a region note (admin)', params: IdParams, body: AddClosureBody, response: { 201: CalendarHoliday, ...edit } } }, async (request, reply) => {
    const holiday = await addCalendarClosure(ctx, { actor: request.actor, id: request.params.id, ...request.body });
    const row = await findCalendar(ctx.db, request.params.id);
    return reply.status(201).send(presentHoliday(holiday, row?.display_calendar === 'gregorian' ? 'gregorian' : 'jalali'));
  });
}
