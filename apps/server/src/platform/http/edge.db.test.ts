import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { anonymousClient, makeAgent, makeContact, makeGroup, signIn, type Client } from '../../../test/factories.ts';

// The edge of the server: what Fastify and Node refuse before a route runs, and what every response carries.

let t: TestApp;
let analyst: Client;
let anonymous: Client;
let contactId: number;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  const group = await makeGroup(t);
  const agent = await makeAgent(t, { roles: ['analyst'], groupIds: [group] });
  contactId = (await makeContact(t)).contactId!;
  analyst = await signIn(t.app, agent.email);
  anonymous = anonymousClient(t.app);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as { port: number }).port;
});
afterAll(() => t.destroy());

/** Writes raw bytes on a fresh connection and returns what came back when the server closed it. */
export function rawRequest(portNumber: number, bytes: string | Buffer): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(portNumber, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, headers: head, body: rest.join('\r\n\r\n') });
    });
    socket.write(bytes, (e) => (e ? reject(e) : undefined));
    setTimeout(() => socket.end(), 3000).unref();
  });
}

describe('the HTTP edge', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('refuses a JSON body in a charset other than UTF-8 with 415, in the envelope, and creates nothing', async () => {
    const before = (await t.ctx.db.selectFrom('tickets').select('id').execute()).length;
    const json = JSON.stringify({ title: 'سلام', type: 'incident', requesterContactId: contactId });
    for (const [charset, payload] of [
      ['utf-16', Buffer.from(json, 'utf16le')],
      ['UTF-16LE', Buffer.from(json, 'utf16le')],
      ['iso-8859-1', Buffer.from(json, 'latin1')],
      ['"windows-1256"', Buffer.from(json, 'latin1')],
    ] as const) {
      const res = await analyst.request({ method: 'POST', url: '/api/v1/tickets', payload, headers: { 'content-type': `application/json; charset=${charset}` } });
      expect(res.statusCode, charset).toBe(415);
      expect(res.json()).toMatchObject({ code: 'request.unsupported_charset', message: expect.any(String) });
    }
    expect((await t.ctx.db.selectFrom('tickets').select('id').execute()).length).toBe(before);
    const ok = await analyst.request({ method: 'POST', url: '/api/v1/tickets', payload: json, headers: { 'content-type': 'application/json; charset=UTF-8' } });
    expect(ok.statusCode).toBe(201);
  });

  it('answers a malformed multipart body with 400 request.bad_multipart in fa and en, never 500', async () => {
    const ticket = (await analyst.post('/api/v1/tickets', { title: 'files', type: 'incident', requesterContactId: contactId })).json();
    const url = `/api/v1/tickets/${ticket.id}/attachments`;
    const bodies: Array<[string, string]> = [
      ['multipart/form-data', 'no boundary at all'],
      ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello'],
      ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"'],
      ['multipart/form-data; boundary=b', 'garbage without any boundary'],
    ];
    for (const [type, payload] of bodies) {
      for (const lang of ['fa', 'en']) {
        const res = await analyst.request({ method: 'POST', url, payload, headers: { 'content-type': type, 'accept-language': lang } });
        expect(res.statusCode, `${type} ${payload.slice(0, 20)}`).toBe(400);
        const body = res.json();
        expect(body.code, payload).toBe('request.bad_multipart');
        expect(body.message).toMatch(lang === 'fa' ? /[\u0600-\u06FF]/ : /^The multipart/);
      }
    }
    expect(await t.ctx.db.selectFrom('attachments').select('id').where('ticket_id', '=', ticket.id).execute()).toEqual([]);
  });

  it('parses multipart on the upload route only: elsewhere it is 415 request.unsupported_media_type, and writes nothing', async () => {
    const before = (await t.ctx.db.selectFrom('tickets').select('id').execute()).length;
    const body = '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nfiles\r\n--b--\r\n';
    const res = await analyst.request({ method: 'POST', url: '/api/v1/tickets', payload: body, headers: { 'content-type': 'multipart/form-data; boundary=b', 'accept-language': 'en' } });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'request.unsupported_media_type' });
    expect((await t.ctx.db.selectFrom('tickets').select('id').execute()).length).toBe(before);
  });

  it('sends Cache-Control: no-store on API responses: sign-in, reads, errors, 404s, URLs refused before routing', async () => {
    const signInRes = await anonymous.post('/api/v1/session', { email: 'nobody@example.test', password: 'x' });
    for (const res of [
      signInRes,
      await analyst.get('/api/v1/session'),
      await analyst.get('/api/v1/tickets'),
      await analyst.get('/api/v1/tickets/999999'),
      await anonymous.get('/api/v1/tickets'),
      await anonymous.get('/api/v1/no-such-route'),
      await anonymous.get('/api/v1/tickets/%E0%A4%A'),
      await analyst.get('/api/v1/tickets/%ED%A0%80'),
    ]) {
      expect(res.headers['cache-control'], res.body.slice(0, 80)).toMatch(/no-store/);
    }
  });

  it('answers an undecodable URL in the envelope, in fa by default and en on request', async () => {
    const fa = await anonymous.get('/api/v1/tickets/%E0%A4%A');
    expect(fa.statusCode).toBe(400);
    expect(fa.json()).toMatchObject({ code: 'request.bad_url', message: expect.stringMatching(/[\u0600-\u06FF]/) });
    const en = await anonymous.request({ method: 'GET', url: '/api/v1/tickets/%E0%A4%A', headers: { 'accept-language': 'en' } });
    expect(en.json()).toMatchObject({ code: 'request.bad_url', message: expect.stringMatching(/^The request URL/) });
  });

  it('answers raw Persian digits in a URL on the socket in the envelope, not a bare Bad Request', async () => {
    const res = await rawRequest(port, Buffer.from('GET /api/v1/tickets/۱۲ HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8'));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: expect.stringMatching(/^request\./), message: expect.stringMatching(/[\u0600-\u06FF]/) });
  });

  it("answers 100 KB of headers with 431 in the envelope (Node's own refusal), fa by default, en with Accept-Language", async () => {
    const big = 'x'.repeat(100 * 1024);
    const fa = await rawRequest(port, `GET /api/v1/tickets HTTP/1.1\r\nHost: x\r\nX-Big: ${big}\r\n\r\n`);
    expect(fa.status).toBe(431);
    expect(fa.headers).toMatch(/content-type: application\/json; charset=utf-8/i);
    expect(fa.headers).toMatch(/cache-control: no-store/i);
    expect(JSON.parse(fa.body)).toMatchObject({ code: 'request.headers_too_large', message: expect.stringMatching(/[\u0600-\u06FF]/), details: {} });
    const en = await rawRequest(port, `GET /api/v1/tickets HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nX-Big: ${big}\r\n\r\n`);
    expect(en.status).toBe(431);
    expect(JSON.parse(en.body).message).toBe('The request headers are too large.');
  });

  it('refuses an address like html"<x>@example.test for contacts, agents and sign-in, by the one rule', async () => {
    const admin = await signIn(t.app, 'admin@example.test', 'admin-password-123');
    const bad = 'html"<x>@example.test';
    const sends = [
      () => analyst.post('/api/v1/contacts', { name: 'x', emails: [bad] }),
      () => admin.post('/api/v1/agents', { email: bad, name: 'x', roles: ['analyst'], groupIds: [] }),
      () => anonymous.post('/api/v1/session', { email: bad, password: 'whatever-password' }),
    ];
    for (const send of sends) {
      const res = await send();
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('request.invalid');
    }
    expect(await t.ctx.db.selectFrom('users').select('id').where('email', '=', bad).execute()).toEqual([]);
    const ok = await analyst.post('/api/v1/contacts', { name: 'علی', emails: ['علی@مثال.ایران'] });
    expect(ok.statusCode).toBe(201);
  });

  it('answers a malformed request line in the envelope', async () => {
    const res = await rawRequest(port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'request.malformed' });
  });
});
