import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWorkingTime } from '@pishkhan/calendar';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient, makeAgent, makeContact, makeGroup, signIn, type Client } from '../../../test/factories.ts';
import { createCalendarLoader, ensureDefaultCalendars } from './index.ts';

let t: TestApp;
let admin: Client;
let analyst: Client;
let contact: Client;
const BASE = '/api/v1/admin/calendars';

beforeAll(async () => {
  t = await createTestApp();
  const group = await makeGroup(t);
  admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin'] })).email);
  analyst = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'], groupIds: [group] })).email);
  contact = await signIn(t.app, (await makeContact(t)).email);
});
afterAll(() => t.destroy());

type Day = { jalali: { year: number; month: number; day: number }; inMonth: boolean; working: [string, string][]; holidays: { name: { fa: string; en: string }; kind: string; estimated: boolean; region: string | null }[]; estimated: boolean };
async function month(id: number, year: number, m: number): Promise<Day[]> {
  const res = await analyst.get(`${BASE}/${id}/month?calendar=jalali&year=${year}&month=${m}`);
  expect(res.statusCode).toBe(200);
  return (res.json().weeks as Day[][]).flat().filter((d) => d.inMonth);
}
const dayOf = (days: Day[], d: number) => days.find((x) => x.jalali.day === d)!;
async function builtIn(key: string) {
  const items = (await analyst.get(BASE)).json().items as { id: number; builtIn: string | null; version: number }[];
  return items.find((c) => c.builtIn === key)!;
}
const calendarEvents = async () =>
  (await t.ctx.db.selectFrom('outbox').select('payload').where('event', '=', 'calendar.changed').execute()).map((r) => JSON.parse(r.payload) as { calendarId: number; version: number; reason: string });

describe('calendars', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('has the Tehran office calendar and a 24×7 one from the first start, once', async () => {
    await ensureDefaultCalendars(t.ctx.db, t.clock.now());
    const items = (await analyst.get(BASE)).json().items as { builtIn: string | null; timeZone: string; officialHolidays: boolean; abilities: Record<string, boolean> }[];
    expect(items.filter((c) => c.builtIn).map((c) => c.builtIn)).toEqual(['tehran', '24x7']);
    expect(items[0]).toMatchObject({ timeZone: 'Asia/Tehran', officialHolidays: true, abilities: { update: false, delete: false } });
    const tehran = (await admin.get(`${BASE}/${(await builtIn('tehran')).id}`)).json();
    expect(tehran.week).toEqual({ sat: [['08:00', '16:00']], sun: [['08:00', '16:00']], mon: [['08:00', '16:00']], tue: [['08:00', '16:00']], wed: [['08:00', '16:00']], thu: [['08:00', '13:00']] });
    expect(tehran.abilities).toEqual({ update: true, delete: false });
  });

  it('shows a Jalali month: Nowruz and Nature Day off, Thursday half-day, Friday off; 24×7 works every hour', async () => {
    const days = await month((await builtIn('tehran')).id, 1405, 1);
    expect(days).toHaveLength(31);
    expect(dayOf(days, 1)).toMatchObject({ working: [], estimated: false });
    expect(dayOf(days, 1).holidays[0]).toMatchObject({ kind: 'official', name: { en: 'Nowruz' } });
    expect(dayOf(days, 13).holidays.map((h) => h.name.en)).toEqual(['Nature Day']);
    // 1405/1/15 is a Saturday, 1405/1/20 a Thursday, 1405/1/21 a Friday.
    expect(dayOf(days, 15).working).toEqual([['08:00', '16:00']]);
    expect(dayOf(days, 20).working).toEqual([['08:00', '13:00']]);
    expect(dayOf(days, 21).working).toEqual([]);
    const always = await month((await builtIn('24x7')).id, 1405, 1);
    expect(dayOf(always, 1)).toMatchObject({ working: [['00:00', '24:00']], holidays: [] });
  });

  it('refuses bad input with a code and changes nothing', async () => {
    const cases: [unknown, number, string][] = [
      [{ name: 'x', timeZone: 'Mars/Olympus' }, 400, 'request.invalid'],
      [{ name: 'x', week: { sat: [['16:00', '08:00']] } }, 400, 'request.invalid'],
      [{ name: 'x', week: { sat: [['8:00', '16:00']] } }, 400, 'request.invalid'],
      [{ name: 'x', week: {} }, 422, 'calendar.no_working_time'],
      [{ name: 'x', dateHours: [{ date: { calendar: 'jalali', year: 1405, month: 12, day: 30 }, hours: [['08:00', '12:00']] }] }, 400, 'request.invalid'],
    ];
    const before = (await admin.get(BASE)).json().items.length;
    for (const [body, status, code] of cases) {
      const res = await admin.post(BASE, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().code).toBe(code);
      expect(res.json().message).toBeTruthy();
    }
    const fa = await admin.request({ method: 'POST', url: BASE, payload: { name: 'x', week: {} }, headers: { 'accept-language': 'fa' } });
    expect(fa.json().message).toMatch(/تقویم/);
    expect((await admin.get(BASE)).json().items.length).toBe(before);
  });

  it('lets agents read and only admins write; contacts and strangers are refused', async () => {
    const id = (await builtIn('tehran')).id;
    expect((await anonymousClient(t.app).get(BASE)).statusCode).toBe(401);
    expect((await contact.get(BASE)).statusCode).toBe(403);
    expect((await contact.get(`${BASE}/${id}`)).statusCode).toBe(404);
    expect((await analyst.post(BASE, { name: 'x' })).statusCode).toBe(403);
    expect((await analyst.patch(`${BASE}/${id}`, { version: 1, name: 'x' })).statusCode).toBe(403);
    expect((await analyst.post(`${BASE}/${id}/closures`, { version: 1, date: { calendar: 'jalali', year: 1405, month: 9, day: 10 } })).statusCode).toBe(403);
    expect((await analyst.post(`${BASE}/hijri-confirmations`, { hijriYear: 1448, hijriMonth: 1, startsOn: { calendar: 'jalali', year: 1405, month: 3, day: 28 } })).statusCode).toBe(403);
  });

  it('creates, edits at the version seen, writes history and emits calendar.changed each time; deletes only its own', async () => {
    const created = await admin.post(BASE, { name: 'Night shift', timeZone: 'Europe/Berlin', displayCalendar: 'gregorian', officialHolidays: false, week: { mon: [['22:00', '24:00']], tue: [['00:00', '06:00']] } });
    expect(created.statusCode).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({ version: 1, timeZone: 'Europe/Berlin', displayCalendar: 'gregorian', officialHolidays: false, builtIn: null, holidays: [] });
    const edited = await admin.patch(`${BASE}/${c.id}`, { version: 1, name: 'Night shift (Berlin)' });
    expect(edited.json()).toMatchObject({ version: 2, name: 'Night shift (Berlin)' });
    expect((await admin.patch(`${BASE}/${c.id}`, { version: 1, name: 'late' })).statusCode).toBe(409);
    const holiday = await admin.post(`${BASE}/${c.id}/holidays`, { version: 2, date: { calendar: 'gregorian', year: 2026, month: 12, day: 25 }, name: { fa: 'کریسمس', en: 'Christmas' } });
    expect(holiday.statusCode).toBe(201);
    expect(holiday.json()).toMatchObject({ kind: 'custom', date: { calendar: 'gregorian', year: 2026, month: 12, day: 25 }, yearly: null });
    expect((await admin.post(`${BASE}/${c.id}/holidays`, { version: 3, name: { fa: 'ب', en: 'b' } })).statusCode).toBe(400);
    const yearly = await admin.post(`${BASE}/${c.id}/holidays`, { version: 3, yearly: { month: 7, day: 1 }, name: { fa: 'سالگرد', en: 'Anniversary' } });
    expect(yearly.json()).toMatchObject({ yearly: { month: 7, day: 1 }, date: null });
    expect((await admin.request({ method: 'DELETE', url: `${BASE}/${c.id}/holidays/${holiday.json().id}?version=4` })).statusCode).toBe(204);
    const history = (await analyst.get(`${BASE}/${c.id}/history`)).json().items as { version: number; action: string; details: Record<string, unknown> }[];
    expect(history.map((h) => [h.version, h.action])).toEqual([
      [5, 'holiday_removed'],
      [4, 'holiday_added'],
      [3, 'holiday_added'],
      [2, 'updated'],
      [1, 'created'],
    ]);
    expect(history[3]!.details).toEqual({ name: { from: 'Night shift', to: 'Night shift (Berlin)' } });
    expect((await calendarEvents()).filter((e) => e.calendarId === c.id).map((e) => [e.version, e.reason])).toEqual([
      [1, 'created'],
      [2, 'updated'],
      [3, 'holiday'],
      [4, 'holiday'],
      [5, 'holiday'],
    ]);
    const tehran = await builtIn('tehran');
    const refused = await admin.request({ method: 'DELETE', url: `${BASE}/${tehran.id}?version=${tehran.version}` });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('calendar.built_in');
    expect((await admin.request({ method: 'DELETE', url: `${BASE}/${c.id}?version=5` })).statusCode).toBe(204);
    expect((await admin.get(`${BASE}/${c.id}`)).statusCode).toBe(404);
  });

  it('refuses to delete a calendar in use (an SLA policy, a group or an agent schedule) with 409 calendar.in_use, changing nothing', async () => {
    const c = (await admin.post(BASE, { name: 'Shift', timeZone: 'Asia/Tehran', week: { sat: [['08:00', '16:00']] } })).json();
    const del = () => admin.request({ method: 'DELETE', url: `${BASE}/${c.id}?version=1`, headers: { 'accept-language': 'fa' } });
    const policy = (await admin.post('/api/v1/admin/sla/policies', { name: 'شیفت شب', calendarId: c.id, targets: {} })).json();
    const refused = await del();
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'calendar.in_use', details: { kind: 'sla_policy', name: 'شیفت شب', uses: [{ kind: 'sla_policy', id: policy.id, name: 'شیفت شب' }] } });
    expect(refused.json().message).toBe('این تقویم را توافق‌نامهٔ سطح خدمت «شیفت شب» به کار می‌برد و حذف‌شدنی نیست؛ نخست آن را به تقویم دیگری ببرید.');
    expect((await admin.get(`${BASE}/${c.id}`)).json()).toMatchObject({ version: 1 });
    // Moved off: the group's schedule holds it next, then an agent's.
    const tehran = await builtIn('tehran');
    expect((await admin.patch(`/api/v1/admin/sla/policies/${policy.id}`, { version: 1, calendarId: tehran.id })).statusCode).toBe(200);
    const group = await makeGroup(t);
    expect((await admin.put(`/api/v1/groups/${group}/assignment`, { version: 1, calendarId: c.id })).statusCode).toBe(200);
    const byGroup = await admin.request({ method: 'DELETE', url: `${BASE}/${c.id}?version=1` });
    expect(byGroup.statusCode).toBe(409);
    expect(byGroup.json()).toMatchObject({ code: 'calendar.in_use', details: { kind: 'group_assignment' } });
    expect(byGroup.json().message).toContain("group's working schedule");
    expect((await admin.put(`/api/v1/groups/${group}/assignment`, { version: 2, calendarId: null })).statusCode).toBe(200);
    const agent = await makeAgent(t, { roles: ['analyst'], groupIds: [group] });
    expect((await admin.put(`/api/v1/agents/${agent.agentId}/duty`, { version: 1, calendarId: c.id })).statusCode).toBe(200);
    expect((await del()).json()).toMatchObject({ code: 'calendar.in_use', details: { kind: 'agent_duty' } });
    expect((await admin.put(`/api/v1/agents/${agent.agentId}/duty`, { version: 2, calendarId: null })).statusCode).toBe(200);
    expect((await del()).statusCode).toBe(204);
  });

  it('enters an unplanned closure (some hours, a region) and the loader recompiles on the new version', async () => {
    const tehran = await builtIn('tehran');
    const loader = createCalendarLoader();
    const before = await loader.load(t.ctx.db, tehran.id, t.clock.now());
    // 1405/9/10 (2026-12-01) is a Monday: 08:00–16:00 in Tehran (UTC+03:30).
    const nine = Date.UTC(2026, 11, 1, 5, 30);
    expect(isWorkingTime(before!.compiled, nine)).toBe(true);
    expect(await loader.load(t.ctx.db, tehran.id, t.clock.now())).toBe(before);
    const res = await admin.post(`${BASE}/${tehran.id}/closures`, { version: tehran.version, date: { calendar: 'jalali', year: 1405, month: 9, day: 10 }, hours: [['08:00', '12:00']], region: 'استان تهران' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'closure', hours: [['08:00', '12:00']], region: 'استان تهران', name: { en: 'Announced closure' } });
    const d = dayOf(await month(tehran.id, 1405, 9), 10);
    expect(d.working).toEqual([['12:00', '16:00']]);
    expect(d.holidays).toEqual([{ name: { fa: 'تعطیلی اعلام‌شده', en: 'Announced closure' }, kind: 'closure', estimated: false, region: 'استان تهران' }]);
    const after = await loader.load(t.ctx.db, tehran.id, t.clock.now());
    expect(after!.version).toBe(tehran.version + 1);
    expect(isWorkingTime(after!.compiled, nine)).toBe(false);
    expect(isWorkingTime(after!.compiled, Date.UTC(2026, 11, 1, 9, 0))).toBe(true);
    const whole = await admin.post(`${BASE}/${tehran.id}/closures`, { version: tehran.version + 1, date: { calendar: 'gregorian', year: 2026, month: 12, day: 2 } });
    expect(whole.statusCode).toBe(201);
    expect(dayOf(await month(tehran.id, 1405, 9), 11).working).toEqual([]);
    expect((await calendarEvents()).filter((e) => e.calendarId === tehran.id).map((e) => e.reason)).toEqual(['closure', 'closure']);
  });

  it('confirms "Muharram 1448 starts on 1405/3/28" in one step: Tasua and Ashura move a day and are no longer estimated', async () => {
    const before = await month((await builtIn('tehran')).id, 1405, 4);
    expect(dayOf(before, 4).holidays).toEqual([{ name: { fa: 'تاسوعای حسینی', en: 'Tasua' }, kind: 'official', estimated: true, region: null }]);
    expect(dayOf(before, 4).estimated).toBe(true);
    const far = await admin.post(`${BASE}/hijri-confirmations`, { hijriYear: 1448, hijriMonth: 1, startsOn: { calendar: 'jalali', year: 1405, month: 4, day: 1 } });
    expect(far.statusCode).toBe(422);
    expect(far.json().code).toBe('calendar.hijri_start_too_far');
    const tehranVersion = (await builtIn('tehran')).version;
    const res = await admin.post(`${BASE}/hijri-confirmations`, { hijriYear: 1448, hijriMonth: 1, startsOn: { calendar: 'jalali', year: 1405, month: 3, day: 28 } });
    expect(res.statusCode).toBe(201);
    const tehranId = (await builtIn('tehran')).id;
    expect(res.json()).toMatchObject({
      hijriYear: 1448,
      hijriMonth: 1,
      startsOn: { jalali: { year: 1405, month: 3, day: 28 }, gregorian: { year: 2026, month: 6, day: 18 } },
      previously: { jalali: { year: 1405, month: 3, day: 27 } },
      calendarIds: [tehranId],
    });
    const after = await month(tehranId, 1405, 4);
    expect(dayOf(after, 4).holidays).toEqual([]);
    expect(dayOf(after, 5).holidays.map((h) => [h.name.en, h.estimated])).toEqual([['Tasua', false]]);
    expect(dayOf(after, 6).holidays.map((h) => [h.name.en, h.estimated])).toEqual([['Ashura', false]]);
    expect((await builtIn('tehran')).version).toBe(tehranVersion + 1);
    expect((await builtIn('24x7')).version).toBe(1);
    const history = (await admin.get(`${BASE}/${tehranId}/history`)).json().items;
    expect(history[0]).toMatchObject({ action: 'hijri_month_confirmed', version: tehranVersion + 1, details: { hijriYear: 1448, hijriMonth: 1 } });
    expect((await calendarEvents()).at(-1)).toMatchObject({ calendarId: tehranId, reason: 'hijri_confirmation' });
    // Confirming again (a correction) keeps the original "previously".
    const again = await admin.post(`${BASE}/hijri-confirmations`, { hijriYear: 1448, hijriMonth: 1, startsOn: { calendar: 'jalali', year: 1405, month: 3, day: 27 } });
    expect(again.json()).toMatchObject({ startsOn: { jalali: { day: 27 } }, previously: { jalali: { day: 27 } } });
    expect((await analyst.get(`${BASE}/hijri-confirmations`)).json().items).toHaveLength(1);
  });
});
