import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import type { TSchema } from 'typebox';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeContact, makeGroup, signIn, type Client } from '../../../test/factories.ts';
import type { RouteEntry } from './server.ts';

// Drives every route with inputs derived from its own schema — missing, oversized and wrong-typed
// fields, unknown fields, bad JSON, a wrong content type, malformed params and query values — and
// asserts a 4xx with a machine code, and that not one row of any table changed.

type Json = Record<string, any>;
let t: TestApp;
let client: Client;

beforeAll(async () => {
  t = await createTestApp();
  const group = await makeGroup(t);
  const agent = await makeAgent(t, { roles: ['analyst', 'supervisor', 'manager', 'crm', 'admin'], groupIds: [group] });
  await makeContact(t);
  client = await signIn(t.app, agent.email);
});
afterAll(() => t.destroy());

async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of await t.ctx.db.introspection.getTables()) {
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
  payload?: string;
  contentType?: string;
}

function casesFor(route: RouteEntry): Case[] {
  const cases: Case[] = [];
  const schema = (route.schema ?? {}) as Json;
  const url = fillPath(route.url, '1');
  const params = schema.params as Json | undefined;
  for (const [name, prop] of Object.entries<Json>(params?.properties ?? {})) {
    if (prop.type === 'integer' || prop.type === 'number') {
      cases.push({ name: `param ${name} not a number`, method: route.method, url: route.url.replace(`:${name}`, 'abc').replace(/:[A-Za-z]+/g, '1') });
    }
  }
  const query = schema.querystring as Json | undefined;
  for (const [name, prop] of Object.entries<Json>(query?.properties ?? {})) {
    const bad = prop.type === 'integer' || prop.type === 'number' ? 'abc' : prop.type === 'boolean' ? 'maybe' : prop.maxLength ? 'x'.repeat(prop.maxLength + 1) : undefined;
    if (bad !== undefined) cases.push({ name: `query ${name}=${bad.slice(0, 8)}`, method: route.method, url: `${url}?${name}=${encodeURIComponent(bad)}` });
  }
  if (!['POST', 'PUT', 'PATCH'].includes(route.method)) return cases;
  cases.push({ name: 'bad JSON', method: route.method, url, payload: '{"title": ', contentType: 'application/json' });
  cases.push({ name: 'wrong content type', method: route.method, url, payload: 'plain words', contentType: 'text/plain' });
  const body = schema.body as Json | undefined;
  if (!body || body.type !== 'object') return cases;
  const base = validOf(body) ?? {};
  const json = (value: unknown) => JSON.stringify(value);
  if ((body.required ?? []).length > 0) cases.push({ name: 'empty object', method: route.method, url, payload: '{}', contentType: 'application/json' });
  cases.push({ name: 'array instead of object', method: route.method, url, payload: '[]', contentType: 'application/json' });
  if (body.additionalProperties === false) cases.push({ name: 'unknown field', method: route.method, url, payload: json({ ...base, zzUnknown: 1 }), contentType: 'application/json' });
  for (const [name, prop] of Object.entries<Json>(body.properties ?? {})) {
    cases.push({ name: `${name} wrong type`, method: route.method, url, payload: json({ ...base, [name]: wrongTyped(prop) }), contentType: 'application/json' });
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
          ...(c.payload === undefined ? {} : { payload: c.payload, headers: { 'content-type': c.contentType! } }),
        });
        sent++;
        const body = (() => {
          try {
            return res.json() as Json;
          } catch {
            return {};
          }
        })();
        const ok = res.statusCode >= 400 && res.statusCode < 500 && /^[a-z_]+(\.[a-z_]+)+$/.test(String(body.code)) && typeof body.message === 'string';
        if (!ok) failures.push(`${route.method} ${route.url} [${c.name}] → ${res.statusCode} ${res.body.slice(0, 140)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(routes.length);
    expect(await snapshot()).toEqual(before);
  });
});
