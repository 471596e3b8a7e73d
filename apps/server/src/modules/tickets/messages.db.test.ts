import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { deskTestApp, expectStatus, openTicket, patchCurrent, type Desk } from './tickets.test-kit.ts';

// Errors as a client reads them, through the API, in both languages: the field named, allowed
// values listed, records and statuses in the reader's words, and no Latin letter in a Persian
// message outside the values interpolated into it (field names, allowed values).

let t: TestApp;
let d: Desk;

beforeAll(async () => {
  ({ t, d } = await deskTestApp());
});
afterAll(() => t.destroy());

/** The same request in fa and en: both envelopes. */
async function both(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const out: Record<'fa' | 'en', { status: number; code: string; message: string; details: any }> = {} as never;
  for (const lang of ['fa', 'en'] as const) {
    const res = await d.analystA.client.request({ method, url, headers: { 'accept-language': lang }, ...(payload ? { payload } : {}) });
    out[lang] = { ...res.json(), status: res.statusCode };
  }
  return out;
}

/** A Persian message with the given interpolated values taken out has no Latin letter left. */
function expectPersianOnly(message: string, ...values: string[]): void {
  let rest = message;
  for (const v of [...values].sort((a, b) => b.length - a.length)) rest = rest.split(v).join('');
  expect(rest, message).not.toMatch(/[A-Za-z]/);
}

describe('errors in both languages', () => {
  it('an unknown field is named', async () => {
    const r = await both('POST', '/api/v1/tickets', { title: 'x', type: 'incident', colour: 'red' });
    expect(r.fa.status).toBe(400);
    expect(r.fa.code).toBe('request.invalid');
    expect(r.en.message).toBe('The request is invalid: "colour" is not a known field');
    expect(r.fa.message).toBe('درخواست نامعتبر است: «colour» شناخته نیست و پذیرفته نمی‌شود');
    expect(r.en.details).toMatchObject({ field: 'colour', issues: [{ in: 'body', field: 'colour', keyword: 'additionalProperties' }] });
  });

  it('a union of literals lists its values', async () => {
    const r = await both('POST', '/api/v1/tickets', { title: 'x', type: 'storm' });
    expect(r.en.message).toMatch(/"type" must be one of: incident, /);
    expect(r.fa.message).toMatch(/«type» باید یکی از این‌ها باشد: incident، /);
    expectPersianOnly(r.fa.message, 'type', ...(r.en.details.issues[0].params.allowedValues as string[]));
  });

  it('a missing field, a wrong type and a blank text each name the field', async () => {
    const missing = await both('POST', '/api/v1/tickets', { type: 'incident' });
    expect(missing.en.message).toBe('The request is invalid: "title" is required');
    expectPersianOnly(missing.fa.message, 'title');
    const typed = await both('POST', '/api/v1/tickets', { title: 'x', type: 'incident', impact: 'high' });
    expect(typed.en.message).toContain('"impact" must be an integer');
    expectPersianOnly(typed.fa.message, 'impact');
    const blank = await both('POST', '/api/v1/tickets', { title: '   ', type: 'incident' });
    expect(blank.fa.status).toBe(400);
    expectPersianOnly(blank.fa.message, 'title');
  });

  it('a record not found and a refused transition speak the reader’s words', async () => {
    const missing = await both('GET', '/api/v1/tickets/999999');
    expect(missing.fa.message).toBe('درخواست پیدا نشد.');
    expect(missing.en.message).toBe('Ticket not found.');
    const ticket = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA });
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'open' }), 200);
    const current = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200);
    const back = await both('PATCH', `/api/v1/tickets/${ticket.id}`, { version: current.version, status: 'new' });
    expect(back.fa.status).toBe(409);
    expect(back.fa.message).toBe('تغییر وضعیت از «باز» به «جدید» مجاز نیست.');
    expect(back.en.message).toBe('The status cannot change from "open" to "new".');
    expect(back.en.details).toEqual({ from: 'open', to: 'new' });
  });

  it('filter errors are translated whole', async () => {
    const filter = encodeURIComponent(JSON.stringify({ field: 'status', op: 'eq', value: 'lost' }));
    const r = await both('GET', `/api/v1/tickets?filter=${filter}`);
    expect(r.fa.status).toBe(400);
    expect(r.en.details.field).toBe('filter.value');
    expect(r.en.message).toMatch(/^The request is invalid: "filter.value" must be one of: new, open, /);
    expectPersianOnly(r.fa.message, 'filter.value', ...(r.en.details.issues[0].params.allowedValues as string[]));
    const op = encodeURIComponent(JSON.stringify({ field: 'status', op: 'contains', value: 'x' }));
    const ops = await both('GET', `/api/v1/tickets?filter=${op}`);
    expect(ops.en.message).toContain('does not apply to the field "status"');
    expectPersianOnly(ops.fa.message, 'filter.op', 'status', ...(ops.en.details.issues[0].params.allowedValues as string[]));
    const bad = await both('GET', '/api/v1/tickets?filter=%7Bnot-json');
    expect(bad.en.message).toBe('The request is invalid: "filter" is not valid JSON');
    expectPersianOnly(bad.fa.message, 'filter');
  });

  it('a refused merge and relation give their reason in the language', async () => {
    const ticket = await openTicket(d.analystA.client, { assigneeGroupId: d.groupA });
    const merge = await both('POST', `/api/v1/tickets/${ticket.id}/merge`, { intoTicketId: ticket.id });
    expect(merge.fa.status).toBe(409);
    expect(merge.fa.message).toBe('این دو درخواست را نمی‌توان ادغام کرد: درخواست را نمی‌توان در خودش ادغام کرد');
    expect(merge.en.details.reason).toBe('self');
    const relation = await both('POST', `/api/v1/tickets/${ticket.id}/relations`, { kind: 'related', targetTicketId: ticket.id });
    expectPersianOnly(relation.fa.message);
    expect(relation.en.message).toBe('This relation is not allowed: a ticket cannot be related to itself');
  });

  it('an undecodable query string is a 400 in the envelope, in both languages', async () => {
    const r = await both('GET', '/api/v1/tickets?q=%E0%A4%A');
    for (const lang of ['fa', 'en'] as const) {
      expect(r[lang].status).toBe(400);
      expect(r[lang].code).toBe('request.bad_query');
      expect(typeof r[lang].message).toBe('string');
    }
    expectPersianOnly(r.fa.message);
    expect(r.en.message).not.toMatch(/[\u0600-\u06FF]/);
  });
});
