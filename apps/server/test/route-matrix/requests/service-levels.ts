import { makeCalendar, makeContract, makeCalendarHoliday, makeSlaPolicy, makeSlaRule } from '../../factories.ts';
import { fixed, seq, type Builder } from './builder.ts';

// Service levels: calendars, SLA policies and rules, contracts (agents read, admins write).

export const serviceLevelRequests: Record<string, Builder> = {
  'GET /api/v1/admin/calendars': fixed('/api/v1/admin/calendars'),
  'POST /api/v1/admin/calendars': async () => ({ url: '/api/v1/admin/calendars', payload: { name: `matrix ${seq()}` } }),
  'GET /api/v1/admin/calendars/:id': async (w) => ({ url: `/api/v1/admin/calendars/${await makeCalendar(w.t)}` }),
  'PATCH /api/v1/admin/calendars/:id': async (w) => ({ url: `/api/v1/admin/calendars/${await makeCalendar(w.t)}`, payload: { version: 1, name: `renamed ${seq()}` } }),
  'DELETE /api/v1/admin/calendars/:id': async (w) => ({ url: `/api/v1/admin/calendars/${await makeCalendar(w.t)}?version=1` }),
  'GET /api/v1/admin/calendars/:id/month': async (w) => ({ url: `/api/v1/admin/calendars/${await makeCalendar(w.t)}/month?calendar=jalali&year=1405&month=1` }),
  'GET /api/v1/admin/calendars/:id/history': async (w) => ({ url: `/api/v1/admin/calendars/${await makeCalendar(w.t)}/history` }),
  'POST /api/v1/admin/calendars/:id/holidays': async (w) => ({
    url: `/api/v1/admin/calendars/${await makeCalendar(w.t)}/holidays`,
    payload: { version: 1, yearly: { month: 7, day: 1 }, name: { fa: 'سالگرد', en: 'Anniversary' } },
  }),
  'DELETE /api/v1/admin/calendars/:id/holidays/:holidayId': async (w) => {
    const { calendarId, holidayId } = await makeCalendarHoliday(w.t);
    return { url: `/api/v1/admin/calendars/${calendarId}/holidays/${holidayId}?version=2` };
  },
  'POST /api/v1/admin/calendars/:id/closures': async (w) => ({
    url: `/api/v1/admin/calendars/${await makeCalendar(w.t)}/closures`,
    payload: { version: 1, date: { calendar: 'jalali', year: 1405, month: 9, day: 20 }, region: 'تهران' },
  }),
  'GET /api/v1/admin/calendars/hijri-confirmations': fixed('/api/v1/admin/calendars/hijri-confirmations'),
  // A correction of the same month each time (within a day of the table's start).
  'POST /api/v1/admin/calendars/hijri-confirmations': fixed('/api/v1/admin/calendars/hijri-confirmations', { hijriYear: 1448, hijriMonth: 1, startsOn: { calendar: 'jalali', year: 1405, month: 3, day: 28 } }),
  // SLA policies and rules (agents read, admins write)
  'GET /api/v1/admin/sla/policies': fixed('/api/v1/admin/sla/policies'),
  'POST /api/v1/admin/sla/policies': async (w) => ({ url: '/api/v1/admin/sla/policies', payload: { name: `matrix ${seq()}`, calendarId: await makeCalendar(w.t), targets: { '1': { resolution: 60 } } } }),
  'GET /api/v1/admin/sla/policies/:id': async (w) => ({ url: `/api/v1/admin/sla/policies/${await makeSlaPolicy(w.t)}` }),
  'PATCH /api/v1/admin/sla/policies/:id': async (w) => ({ url: `/api/v1/admin/sla/policies/${await makeSlaPolicy(w.t)}`, payload: { version: 1, name: `renamed ${seq()}` } }),
  'GET /api/v1/admin/contracts': fixed('/api/v1/admin/contracts'),
  'POST /api/v1/admin/contracts': async (w) => ({ url: '/api/v1/admin/contracts', payload: { organizationId: w.org1, name: `matrix ${seq()}`, startsOn: '2026-03-21', endsOn: '2027-03-20', policyId: await makeSlaPolicy(w.t) } }),
  'GET /api/v1/admin/contracts/:id': async (w, _r, which) => ({ url: `/api/v1/admin/contracts/${await makeContract(w.t, which === 'own' ? w.org1 : w.org2)}` }),
  'PATCH /api/v1/admin/contracts/:id': async (w, _r, which) => ({ url: `/api/v1/admin/contracts/${await makeContract(w.t, which === 'own' ? w.org1 : w.org2)}`, payload: { version: 1, name: `renamed ${seq()}` } }),
  'DELETE /api/v1/admin/contracts/:id': async (w, _r, which) => ({ url: `/api/v1/admin/contracts/${await makeContract(w.t, which === 'own' ? w.org1 : w.org2)}?version=1` }),
  'GET /api/v1/admin/contracts/:id/penalties': async (w, _r, which) => ({ url: `/api/v1/admin/contracts/${await makeContract(w.t, which === 'own' ? w.org1 : w.org2)}/penalties?period=1405-09` }),
  'GET /api/v1/admin/sla/rules': fixed('/api/v1/admin/sla/rules'),
  'POST /api/v1/admin/sla/rules': async (w) => ({ url: '/api/v1/admin/sla/rules', payload: { position: 5, filter: { field: 'channel', op: 'eq', value: 'phone' }, policyId: await makeSlaPolicy(w.t) } }),
  'PATCH /api/v1/admin/sla/rules/:id': async (w) => ({ url: `/api/v1/admin/sla/rules/${await makeSlaRule(w.t)}`, payload: { version: 1, position: 7 } }),
  'DELETE /api/v1/admin/sla/rules/:id': async (w) => ({ url: `/api/v1/admin/sla/rules/${await makeSlaRule(w.t)}?version=1` }),
};
