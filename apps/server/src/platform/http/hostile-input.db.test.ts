import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient, makeAgent, makeContact, makeGroup, signIn, type Client } from '../../../test/factories.ts';

// Text from outside is text: SQL-looking and HTML/script strings are stored exactly as written,
// returned as JSON strings, and never change a query's meaning.
const SQL = `'); DROP TABLE tickets; -- " OR 1=1`;
const HTML = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
const PERSIAN = 'كيبورد عربي ۱۲۳ و می‌شود';

let t: TestApp;
let analyst: Client;
let contactId: number;
let anonymous: Client;

beforeAll(async () => {
  t = await createTestApp();
  const group = await makeGroup(t);
  const agent = await makeAgent(t, { roles: ['analyst'], groupIds: [group] });
  contactId = (await makeContact(t, { name: HTML })).contactId!;
  analyst = await signIn(t.app, agent.email);
  anonymous = anonymousClient(t.app);
});
afterAll(() => t.destroy());

describe('hostile text', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('stores and returns SQL-looking, HTML and Arabic-script text exactly as written', async () => {
    const res = await analyst.post('/api/v1/tickets', { title: SQL, description: `${HTML}\n${PERSIAN}`, type: 'incident', impact: 1, urgency: 1, tags: [SQL.slice(0, 40), HTML.slice(0, 40)], requesterContactId: contactId });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const created = res.json();
    const read = (await analyst.get(`/api/v1/tickets/${created.id}`)).json();
    expect(read.title).toBe(SQL);
    expect(read.description).toBe(`${HTML}\n${PERSIAN}`);
    expect(read.tags).toEqual(expect.arrayContaining([SQL.slice(0, 40), HTML.slice(0, 40)]));
    expect(read.requester.name).toBe(HTML);
    const reply = await analyst.post(`/api/v1/tickets/${created.id}/replies`, { body: HTML + SQL });
    expect(reply.statusCode).toBe(201);
    const articles = (await analyst.get(`/api/v1/tickets/${created.id}/articles`)).json();
    expect(articles.items.map((a: any) => a.body)).toContain(HTML + SQL);
    const stored = await t.ctx.db.selectFrom('tickets').select(['title']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.title).toBe(SQL);
  });

  it('treats SQL-looking filter values as values: no match, no error, every table intact', async () => {
    for (const url of [
      `/api/v1/tickets?tag=${encodeURIComponent("' OR '1'='1")}`,
      `/api/v1/contacts?email=${encodeURIComponent("x' OR '1'='1")}`,
      `/api/v1/contacts?phone=${encodeURIComponent("0912' OR 1=1 --")}`,
    ]) {
      const res = await analyst.get(url);
      expect(res.statusCode, url).toBeLessThan(500);
      if (res.statusCode === 200) expect(res.json().items, url).toEqual([]);
    }
    expect((await analyst.get('/api/v1/tickets')).json().items.length).toBeGreaterThan(0);
  });

  it('refuses a JSON body over the limit with 413 before parsing it', async () => {
    const before = await t.ctx.db.selectFrom('tickets').select('id').execute();
    const res = await analyst.post('/api/v1/tickets', { title: 'big', type: 'incident', description: 'x'.repeat(3 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('request.too_large');
    expect(await t.ctx.db.selectFrom('tickets').select('id').execute()).toEqual(before);
  });

  it('answers unknown ids with 404 and a machine code', async () => {
    for (const url of ['/api/v1/tickets/999999', '/api/v1/tickets/999999/articles', '/api/v1/contacts/999999', '/api/v1/attachments/999999/content']) {
      const res = await analyst.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().code).toBe('record.not_found');
    }
  });

  it('refuses text the databases cannot store, anywhere in a request, with 400 request.unstorable_text and changes nothing', async () => {
    const tickets = async () => Number((await t.ctx.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await tickets();
    const cases = [
      // sign-in needs no session: the first place a NUL reached PostgreSQL
      () => anonymous.post('/api/v1/session', { email: 'a\u0000@example.test', password: 'x' }),
      () => analyst.post('/api/v1/tickets', { title: 'bad \u0000 title', type: 'incident', requesterContactId: contactId }),
      () => analyst.post('/api/v1/tickets', { title: 'lone \uD800 surrogate', type: 'incident', requesterContactId: contactId }),
      () => analyst.post('/api/v1/contacts', { name: 'x', emails: ['\uDC00@example.test'] }),
      () => analyst.get('/api/v1/contacts?email=%00'),
    ];
    for (const send of cases) {
      const res = await send();
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'request.unstorable_text' });
    }
    expect(await tickets()).toBe(before);
  });
});
