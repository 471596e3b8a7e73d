import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient, makeAgent, makeContact, makeGroup, signIn, type Client } from '../../../test/factories.ts';

let t: TestApp;
let analyst: Client;
let other: Client;
let contact: Client;

beforeAll(async () => {
  t = await createTestApp();
  const group = await makeGroup(t);
  analyst = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'], groupIds: [group] })).email);
  other = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'], groupIds: [group] })).email);
  contact = await signIn(t.app, (await makeContact(t)).email);
});
afterAll(() => t.destroy());

describe('preferences', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('starts from the defaults (Persian, Jalali, Persian digits, Tehran, light) at version 0', async () => {
    const res = await other.get('/api/v1/me/preferences');
    expect(res.statusCode).toBe(200);
    // The test client's user has locale fa by default.
    expect(res.json()).toMatchObject({ timeZone: 'Asia/Tehran', theme: 'light', version: 0 });
    expect((await anonymousClient(t.app).get('/api/v1/me/preferences')).statusCode).toBe(401);
  });

  it('saves a partial change at the version seen, keeps the rest, and refuses a stale save', async () => {
    const first = await analyst.put('/api/v1/me/preferences', { language: 'en', calendar: 'gregorian', version: 0 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ language: 'en', calendar: 'gregorian', timeZone: 'Asia/Tehran', version: 1 });
    const second = await analyst.put('/api/v1/me/preferences', { theme: 'dark', digits: 'latin', timeZone: 'Europe/Berlin', version: 1 });
    expect(second.json()).toEqual({ language: 'en', calendar: 'gregorian', digits: 'latin', timeZone: 'Europe/Berlin', theme: 'dark', version: 2 });
    const stale = await analyst.put('/api/v1/me/preferences', { theme: 'light', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('record.stale');
    const again = await analyst.put('/api/v1/me/preferences', { theme: 'light', version: 0 });
    expect(again.statusCode).toBe(409);
    expect((await analyst.get('/api/v1/me/preferences')).json()).toMatchObject({ theme: 'dark', version: 2 });
    // Each user has their own.
    expect((await other.get('/api/v1/me/preferences')).json()).toMatchObject({ theme: 'light', version: 0 });
  });

  it('refuses an unknown time zone with a code and fa/en messages, and a bad value by the schema', async () => {
    const res = await other.put('/api/v1/me/preferences', { timeZone: 'Mars/Olympus', version: 0 });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'preferences.unknown_time_zone', details: { timeZone: 'Mars/Olympus' } });
    const fa = await other.request({ method: 'PUT', url: '/api/v1/me/preferences', payload: { timeZone: 'Mars/Olympus', version: 0 }, headers: { 'accept-language': 'fa' } });
    expect(fa.json().message).toContain('منطقهٔ زمانی');
    expect((await other.put('/api/v1/me/preferences', { theme: 'purple', version: 0 })).statusCode).toBe(400);
    expect((await other.get('/api/v1/me/preferences')).json().version).toBe(0);
  });

  it('lets a contact keep preferences too', async () => {
    const res = await contact.put('/api/v1/me/preferences', { digits: 'latin', version: 0 });
    expect(res.statusCode).toBe(200);
    expect(res.json().digits).toBe('latin');
  });
});

describe('saved views', () => {
  it('creates, lists, renames and deletes one’s own views; another user’s are not found', async () => {
    const created = await analyst.post('/api/v1/me/views', { name: 'Open critical', filter: { all: [{ field: 'status', op: 'eq', value: 'open' }, { field: 'priority', op: 'eq', value: 1 }] }, sort: '-priority' });
    expect(created.statusCode).toBe(201);
    const view = created.json();
    expect(view).toMatchObject({ name: 'Open critical', sort: '-priority', version: 1 });
    expect(view.filter.all).toHaveLength(2);

    expect((await analyst.get('/api/v1/me/views')).json().items.map((v: { id: number }) => v.id)).toContain(view.id);
    expect((await other.get('/api/v1/me/views')).json().items.map((v: { id: number }) => v.id)).not.toContain(view.id);

    expect((await other.patch(`/api/v1/me/views/${view.id}`, { version: 1, name: 'mine now' })).statusCode).toBe(404);
    expect((await other.delete(`/api/v1/me/views/${view.id}`)).statusCode).toBe(404);

    const renamed = await analyst.patch(`/api/v1/me/views/${view.id}`, { version: 1, name: 'بحرانی‌های باز' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'بحرانی‌های باز', version: 2 });
    expect((await analyst.patch(`/api/v1/me/views/${view.id}`, { version: 1, name: 'stale' })).statusCode).toBe(409);

    expect((await analyst.delete(`/api/v1/me/views/${view.id}`)).statusCode).toBe(204);
    expect((await analyst.get('/api/v1/me/views')).json().items.map((v: { id: number }) => v.id)).not.toContain(view.id);
  });

  it('checks the filter with the tickets field table (400 with the path) and writes nothing', async () => {
    const before = (await analyst.get('/api/v1/me/views')).json().items.length;
    const res = await analyst.post('/api/v1/me/views', { name: 'bad', filter: { field: 'no_such_field', op: 'eq', value: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('request.invalid');
    expect(JSON.stringify(res.json().details)).toContain('filter');
    const badOp = await analyst.post('/api/v1/me/views', { name: 'bad', filter: { field: 'status', op: 'gt', value: 'open' } });
    expect(badOp.statusCode).toBe(400);
    expect((await analyst.get('/api/v1/me/views')).json().items.length).toBe(before);
  });
});
