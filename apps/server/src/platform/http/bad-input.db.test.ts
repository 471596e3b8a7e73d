import { createHash } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import type { TSchema } from 'typebox';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeContact, makeGroup, PASSWORD, signIn, type Client } from '../../../test/factories.ts';
import type { RouteEntry } from './server.ts';

// Drives every route with inputs derived from its own schema — missing, oversized and wrong-typed
// fields, unknown fields, bad JSON, a wrong content type, malformed params and query values — and
// asserts a 4xx with a machine code and a Persian message with no Latin letter outside the values
// interpolated into it, and that not one row of any table changed. On a real socket,
// what Node refuses before a route (100 KB of headers, raw Persian digits) and bodies that stall or
// trickle are answered in the envelope too, on every route.

type Json = Record<string, any>;
let t: TestApp;
let client: Client;
/** The session's cookie and CSRF header, for requests written on a raw socket. */
let sessionHeaders: string;

/** Slow-client limits, shortened from the server's 10 s / 10 s / 30 s so that the sweep stays quick. */
const LIMITS = { headersMs: 2000, bodyIdleMs: 1000, smallBodyMs: 2500 };

beforeAll(async () => {
  // The public endpoints' rate limits would answer 429 before a slow body could be timed.
  t = await createTestApp({ httpTimeouts: LIMITS, config: { publicRateLimit: 1_000_000 } });
  const group = await makeGroup(t);
  const agent = await makeAgent(t, { roles: ['analyst', 'supervisor', 'manager', 'crm', 'admin'], groupIds: [group] });
  await makeContact(t);
  client = await signIn(t.app, agent.email);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: agent.email, password: PASSWORD } });
  const cookie = res.cookies.find((c) => c.name === 'pishkhan_session')!;
  sessionHeaders = `Cookie: pishkhan_session=${cookie.value}\r\nX-CSRF-Token: ${res.json().csrfToken}\r\n`;
});
afterAll(() => t.destroy());

async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of await t.ctx.db.introspection.getTables()) {
    // The public endpoints' rate-limit counters count every request, refused ones too: that is their job, not a write of the request's.
    if (table.name === 'rate_limits') continue;
    const rows = await t.ctx.db.selectFrom(table.name as 'users').selectAll().orderBy((eb) => eb.lit(1)).execute();
    const sorted = rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
    out[table.name] = `${rows.length}:${createHash('sha256').update(sorted.join('\n')).digest('hex')}`;
  }
  return out;
}

function fillPath(url: string, value: string): string {
  return url.replace(/:[A-Za-z]+/g, value).replace(/\*$/, 'x');
}

/** A valid instance of the schema where TypeBox can make one (else undefined). */
function validOf(schema: Json): Json | undefined {
  try {
    const v = Value.Create(schema as TSchema) as Json;
    return Value.Check(schema as TSchema, v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A value of the wrong JSON type for a property schema. */
function wrongTyped(prop: Json): unknown {
  const type = prop.type;
  if (type === 'string') return 12345;
  if (type === 'integer' || type === 'number') return 'not-a-number';
  if (type === 'boolean') return 'yes';
  if (type === 'array') return 'not-an-array';
  if (type === 'object') return 7;
  return { unexpected: { nested: true } };
}

function oversized(prop: Json): unknown {
  if (prop.type === 'string' && typeof prop.maxLength === 'number') return 'x'.repeat(prop.maxLength + 1);
  if ((prop.type === 'integer' || prop.type === 'number') && typeof prop.maximum === 'number') return prop.maximum + 1;
  if (prop.type === 'array' && typeof prop.maxItems === 'number') return Array.from({ length: prop.maxItems + 1 }, () => validOf(prop.items ?? {}) ?? 1);
  return undefined;
}

interface Case {
  name: string;
  method: string;
  url: string;
  payload?: string | Buffer;
  contentType?: string;
  /** The input is odd but well formed: a 200 is a right answer too. */
  mayPass?: boolean;
}

/** Numbers no id or cursor value may be: fractional, past the safe integers, huge, zero and negative. */
const ODD_NUMBERS = ['1.5', '1e300', '99999999999999999999', '9007199254740993', '0', '-1'];
/** Text the databases cannot store, as it arrives in a URL: NUL, a lone surrogate (CESU), invalid UTF-8. */
const UNSTORABLE_URL: Array<[string, string]> = [
  ['NUL', 'a%00b'],
  ['lone surrogate', '%ED%A0%80'],
  ['invalid UTF-8', '%E0%A4%A'],
];
/** Text the databases cannot store, in a JSON string (JSON.stringify writes the surrogate as an escape). */
const UNSTORABLE_TEXT: Array<[string, string]> = [
  ['NUL', 'a\u0000b'],
  ['lone surrogate', 'a\uD800b'],
];
/** Decoded cursors that are not ours: fractional and huge numbers, the wrong shape, not JSON. */
const ODD_CURSORS = ['[1.5]', '[1e300]', '[99999999999999999999]', '[-1.5,"x"]', '{"id":1}', '[[1]]', 'not json'];
/** Cursors of the right shape with numbers no list gives out (negative, the largest safe integer): an empty or whole page, or a refusal, never a 500. */
const FAR_CURSORS = ['[-1]', '[9007199254740991]'];
const MALFORMED_MULTIPART: Array<[string, string]> = [
  ['multipart/form-data', 'no boundary'],
  ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nnever ends'],
  ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"'],
  ['multipart/form-data; boundary=b', '--b\r\nnot a header\r\n\r\nx\r\n--b--\r\n'],
];
const ODD_CHARSETS = ['utf-16', 'utf-16le', 'iso-8859-1', 'windows-1256', 'utf-7'];

function casesFor(route: RouteEntry): Case[] {
  const cases: Case[] = [];
  const schema = (route.schema ?? {}) as Json;
  const url = fillPath(route.url, '1');
  const params = schema.params as Json | undefined;
  const withParam = (name: string, value: string) => route.url.replace(`:${name}`, value).replace(/:[A-Za-z]+/g, '1');
  for (const [name, prop] of Object.entries<Json>(params?.properties ?? {})) {
    if (prop.type === 'integer' || prop.type === 'number') {
      cases.push({ name: `param ${name} not a number`, method: route.method, url: withParam(name, 'abc') });
      for (const n of ODD_NUMBERS) cases.push({ name: `param ${name}=${n}`, method: route.method, url: withParam(name, n) });
    }
    for (const [label, text] of UNSTORABLE_URL) cases.push({ name: `param ${name} ${label}`, method: route.method, url: withParam(name, text) });
  }
  const query = schema.querystring as Json | undefined;
  for (const [name, prop] of Object.entries<Json>(query?.properties ?? {})) {
    const bad = prop.type === 'integer' || prop.type === 'number' ? 'abc' : prop.type === 'boolean' ? 'maybe' : prop.maxLength ? 'x'.repeat(prop.maxLength + 1) : undefined;
    if (bad !== undefined) cases.push({ name: `query ${name}=${bad.slice(0, 8)}`, method: route.method, url: `${url}?${name}=${encodeURIComponent(bad)}` });
    if (prop.type === 'integer') for (const n of ODD_NUMBERS) cases.push({ name: `query ${name}=${n}`, method: route.method, url: `${url}?${name}=${n}` });
    if (prop.type === 'string' || prop.type === undefined) {
      // NUL is refused as unstorable text; a lone surrogate or invalid UTF-8 as a malformed escape (request.bad_query).
      for (const [label, text] of UNSTORABLE_URL) cases.push({ name: `query ${name} ${label}`, method: route.method, url: `${url}?${name}=${text}` });
    }
    if (name === 'cursor') {
      for (const c of ODD_CURSORS) cases.push({ name: `cursor ${c}`, method: route.method, url: `${url}?cursor=${Buffer.from(c).toString('base64url')}` });
      for (const c of FAR_CURSORS) cases.push({ name: `cursor ${c}`, method: route.method, url: `${url}?cursor=${Buffer.from(c).toString('base64url')}`, mayPass: true });
    }
  }
  if (!['POST', 'PUT', 'PATCH'].includes(route.method)) return cases;
  cases.push({ name: 'bad JSON', method: route.method, url, payload: '{"title": ', contentType: 'application/json' });
  cases.push({ name: 'wrong content type', method: route.method, url, payload: 'plain words', contentType: 'text/plain' });
  // Where a body is read: a JSON schema (multipart is the wrong type there) or a multipart upload.
  const readsBody = schema.body !== undefined || (schema.consumes ?? []).includes('multipart/form-data');
  if (readsBody) for (const [type, payload] of MALFORMED_MULTIPART) cases.push({ name: `malformed multipart ${payload.slice(0, 12)}`, method: route.method, url, payload, contentType: type });
  for (const charset of ODD_CHARSETS) {
    const text = JSON.stringify(validOf((schema.body as Json | undefined) ?? {}) ?? {});
    cases.push({ name: `charset ${charset}`, method: route.method, url, payload: Buffer.from(text, charset.startsWith('utf-16') ? 'utf16le' : 'latin1'), contentType: `application/json; charset=${charset}` });
  }
  const body = schema.body as Json | undefined;
  if (!body || body.type !== 'object') return cases;
  const base = validOf(body) ?? {};
  const json = (value: unknown) => JSON.stringify(value);
  if ((body.required ?? []).length > 0) cases.push({ name: 'empty object', method: route.method, url, payload: '{}', contentType: 'application/json' });
  cases.push({ name: 'array instead of object', method: route.method, url, payload: '[]', contentType: 'application/json' });
  if (body.additionalProperties === false) cases.push({ name: 'unknown field', method: route.method, url, payload: json({ ...base, zzUnknown: 1 }), contentType: 'application/json' });
  for (const [name, prop] of Object.entries<Json>(body.properties ?? {})) {
    cases.push({ name: `${name} wrong type`, method: route.method, url, payload: json({ ...base, [name]: wrongTyped(prop) }), contentType: 'application/json' });
    if (prop.type === 'string') {
      for (const [label, text] of UNSTORABLE_TEXT) cases.push({ name: `${name} ${label}`, method: route.method, url, payload: json({ ...base, [name]: text }), contentType: 'application/json' });
    }
    if (prop.type === 'integer') {
      for (const n of ['1.5', '1e300', '99999999999999999999', '-1']) cases.push({ name: `${name}=${n}`, method: route.method, url, payload: `{${JSON.stringify(name)}:${n}${Object.keys(base).filter((k) => k !== name).map((k) => `,${JSON.stringify(k)}:${JSON.stringify(base[k])}`).join('')}}`, contentType: 'application/json' });
    }
    const big = oversized(prop);
    if (big !== undefined) cases.push({ name: `${name} oversized`, method: route.method, url, payload: json({ ...base, [name]: big }), contentType: 'application/json' });
    if ((body.required ?? []).includes(name) && Object.keys(base).length > 0) {
      const { [name]: _omitted, ...rest } = base;
      cases.push({ name: `${name} missing`, method: route.method, url, payload: json(rest), contentType: 'application/json' });
    }
  }
  return cases;
}

describe('bad input on every route', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('answers every malformed request with a 4xx and a machine code, and writes nothing', async () => {
    const routes = t.app.routeCatalog.filter((r) => r.url.startsWith('/api/v1'));
    expect(routes.length).toBeGreaterThan(3);
    const before = await snapshot();
    const failures: string[] = [];
    let sent = 0;
    for (const route of routes) {
      for (const c of casesFor(route)) {
        const res = await client.request({
          method: c.method as 'POST',
          url: c.url,
          headers: { 'accept-language': 'fa', ...(c.payload === undefined ? {} : { 'content-type': c.contentType! }) },
          ...(c.payload === undefined ? {} : { payload: c.payload }),
        });
        sent++;
        const body = (() => {
          try {
            return res.json() as Json;
          } catch {
            return {};
          }
        })();
        if (c.mayPass && res.statusCode === 200) continue;
        const ok = res.statusCode >= 400 && res.statusCode < 500 && /^[a-z_]+(\.[a-z_]+)+$/.test(String(body.code)) && typeof body.message === 'string';
        if (!ok) failures.push(`${route.method} ${route.url} [${c.name}] → ${res.statusCode} ${res.body.slice(0, 140)}`);
        // In Persian, whole: no Latin letter outside the values interpolated into it (field names, allowed values).
        else if (/[A-Za-z]/.test(withoutValues(String(body.message), body.details))) failures.push(`${route.method} ${route.url} [${c.name}] → Latin in fa: ${body.message}`);
        // Refusals may carry session data as well as answers: no browser or proxy keeps them.
        else if (!/no-store/.test(String(res.headers['cache-control']))) failures.push(`${route.method} ${route.url} [${c.name}] → cache-control ${res.headers['cache-control']}`);
        // An invalid request says what is wrong with which field, not only that it is invalid.
        else if (body.code === 'request.invalid' && !(body.details?.issues?.length > 0)) failures.push(`${route.method} ${route.url} [${c.name}] → no issues: ${res.body.slice(0, 140)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(routes.length);
    expect(await snapshot()).toEqual(before);
  });

  it("answers what Node refuses before any route — 100 KB of headers, raw Persian digits in the path — in the envelope, on every route", async () => {
    const port = await listening();
    const routes = t.app.routeCatalog.filter((r) => r.url.startsWith('/api/v1'));
    const failures: string[] = [];
    const big = 'x'.repeat(100 * 1024);
    for (const route of routes) {
      const path = fillPath(route.url, '1');
      const cases: Array<[string, number, Buffer]> = [
        ['100 KB header', 431, Buffer.from(`${route.method} ${path} HTTP/1.1\r\nHost: x\r\nX-Big: ${big}\r\n\r\n`)],
      ];
      if (route.url.includes(':')) cases.push(['raw Persian digits', 400, Buffer.from(`${route.method} ${fillPath(route.url, '۱۲')} HTTP/1.1\r\nHost: x\r\n\r\n`, 'utf8')]);
      for (const [name, status, bytes] of cases) {
        const res = await raw(port, bytes);
        let body: Json = {};
        try {
          body = JSON.parse(res.body) as Json;
        } catch {
          // not JSON: reported below
        }
        const ok = res.status === status && /^[a-z_]+(\.[a-z_]+)+$/.test(String(body.code)) && /[\u0600-\u06FF]/.test(String(body.message));
        if (!ok) failures.push(`${route.method} ${route.url} [${name}] → ${res.status} ${res.body.slice(0, 140)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('cuts a body that stalls or trickles on every route that reads one, with a 408 in the envelope, within the limits', async () => {
    const port = await listening();
    const routes = t.app.routeCatalog.filter((r) => r.url.startsWith('/api/v1') && ['POST', 'PUT', 'PATCH'].includes(r.method));
    expect(routes.length).toBeGreaterThan(20);
    // Every route's connections run at once (hundreds of sockets signing in together on two cores), so the
    // bound is loose: cut within 5 s of its limit, where the body would have taken minutes to arrive.
    // timeouts.test.ts holds the limits to the second, one connection at a time.
    const slack = 5000;
    const runs: Array<Promise<string | undefined>> = [];
    for (const route of routes) {
      const schema = (route.schema ?? {}) as Json;
      const upload = (schema.consumes ?? []).includes('multipart/form-data');
      const type = upload ? 'multipart/form-data; boundary=b' : 'application/json';
      const body = upload ? '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n' + 'x'.repeat(200) : JSON.stringify({ pad: 'x'.repeat(200) });
      const head = `${route.method} ${fillPath(route.url, '1')} HTTP/1.1\r\nHost: x\r\nAccept-Language: fa\r\n${sessionHeaders}Content-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body) + 10}\r\n\r\n`;
      const shapes: Array<[string, (s: Socket) => void, number]> = [
        ['stalls after 10 bytes', (s) => s.write(head + body.slice(0, 10)), LIMITS.bodyIdleMs],
        ['a byte every 1.5 s (slower than the idle limit)', (s) => trickle(s, head, body, 1500), 1500 + LIMITS.bodyIdleMs],
      ];
      // A JSON body that trickles just inside the idle limit is cut once it has taken the whole-body limit (uploads that flow are not).
      if (!upload) shapes.push(['a byte every 0.6 s (inside the idle limit)', (s) => trickle(s, head, body, 600), LIMITS.smallBodyMs]);
      for (const [name, drive, limit] of shapes) {
        runs.push(
          exchange(port, drive).then((res) => {
            let envelope: Json = {};
            try {
              envelope = JSON.parse(res.body) as Json;
            } catch {
              // not JSON: reported below
            }
            // An upload's handler may refuse the request (no ticket 1) before it reads the body: any 4xx in the envelope, then closed.
            const statusOk = upload ? res.status >= 400 && res.status < 500 : res.status === 408;
            const ok = statusOk && /^[a-z_]+(\.[a-z_]+)+$/.test(String(envelope.code)) && /[\u0600-\u06FF]/.test(String(envelope.message)) && res.elapsed < limit + slack;
            return ok ? undefined : `${route.method} ${route.url} [${name}] → ${res.status} after ${res.elapsed} ms ${res.body.slice(0, 100)}`;
          }),
        );
      }
    }
    const failures = (await Promise.all(runs)).filter((f) => f !== undefined);
    expect(failures).toEqual([]);
    expect(runs.length).toBeGreaterThan(routes.length * 2);
  }, 30_000);
});

/** A message with every value found in its details taken out, longest first (null, true and false as the API writes them). */
function withoutValues(message: string, details: unknown): string {
  const values: string[] = [];
  const collect = (v: unknown): void => {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values.push(String(v));
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(collect);
  };
  collect(details);
  let rest = message;
  for (const v of values.filter((x) => x !== '').sort((a, b) => b.length - a.length)) rest = rest.split(v).join('');
  return rest;
}

async function listening(): Promise<number> {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  return (t.app.server.address() as { port: number }).port;
}

/** Writes the head at once, then the body a byte every `everyMs`, until the server closes the socket. */
function trickle(socket: Socket, head: string, body: string, everyMs: number): void {
  socket.write(head);
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= body.length) return clearInterval(timer);
    socket.write(body[i++]!);
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

/** A connection `drive` writes to; what came back and how long until the server closed it (cut by the test after 15 s). */
function exchange(port: number, drive: (socket: Socket) => void): Promise<{ status: number; body: string; elapsed: number }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const started = Date.now();
    const guard = setTimeout(() => socket.destroy(), 15_000);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(guard);
      const text = Buffer.concat(chunks).toString('utf8');
      const at = text.indexOf('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: at < 0 ? '' : text.slice(at + 4), elapsed: Date.now() - started });
    });
    socket.on('connect', () => drive(socket));
  });
}

/** Raw bytes on a fresh connection; what came back once the server closed it. */
function raw(port: number, bytes: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const at = text.indexOf('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: at < 0 ? '' : text.slice(at + 4) });
    });
    socket.write(bytes);
    setTimeout(() => socket.end(), 3000).unref();
  });
}
