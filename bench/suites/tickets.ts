import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import pg from 'pg';
import { createTestApp } from '../../apps/server/test/harness.ts';
import { makeAgent, makeGroup, PASSWORD } from '../../apps/server/test/factories.ts';
import { adminPgUrl, type TestDialect } from '../../apps/server/test/test-database.ts';
import { load } from './load.ts';
import type { BenchSuite, LoadFigures, SuiteOptions } from './types.ts';

const CONNECTIONS = 16;
const ticketBody = JSON.stringify({
  title: 'چاپگر طبقه دوم کار نمی‌کند',
  description: 'از صبح هیچ برگه‌ای چاپ نمی‌شود؛ پیام خطای کاغذ گیر کرده نشان می‌دهد.',
  type: 'incident',
  impact: 2,
  urgency: 2,
});

/** A bare Fastify app with one validated POST: the machine's ceiling for a JSON write endpoint. */
async function baseline(opts: SuiteOptions, durationS: number, connections: number): Promise<LoadFigures> {
  const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
  let next = 1;
  app.post(
    '/items',
    {
      schema: {
        body: Type.Object(
          {
            title: Type.String({ minLength: 1, maxLength: 300 }),
            description: Type.String({ maxLength: 100_000 }),
            type: Type.Union([Type.Literal('incident'), Type.Literal('service_request')]),
            impact: Type.Integer({ minimum: 1, maximum: 3 }),
            urgency: Type.Integer({ minimum: 1, maximum: 3 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => reply.status(201).send({ id: next++, title: request.body.title }),
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  opts.log(`baseline: POST ${url}/items for ${durationS}s`);
  try {
    return await load({ url: `${url}/items`, method: 'POST', body: ticketBody, headers: { 'content-type': 'application/json' }, duration: durationS, connections });
  } finally {
    await app.close();
  }
}

/** Create then read tickets over real HTTP on loopback, as a signed-in analyst. */
async function measure(dialect: TestDialect, opts: SuiteOptions, durationS: number, connections: number) {
  const t = await createTestApp({ dialect });
  try {
    const groupId = await makeGroup(t, 'Bench desk');
    const agent = await makeAgent(t, { roles: ['analyst'], groupIds: [groupId] });
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const signIn = await fetch(`${url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: agent.email, password: PASSWORD }),
    });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json', 'accept-language': 'en' };
    opts.log(`${dialect}: POST /api/v1/tickets for ${durationS}s`);
    const create = await load({ url: `${url}/api/v1/tickets`, method: 'POST', body: ticketBody, headers, duration: durationS, connections });
    const ids = (await t.ctx.db.selectFrom('tickets').select('id').execute()).map((r) => r.id);
    if (ids.length === 0) throw new Error(`${dialect}: no ticket was created`);
    opts.log(`${dialect}: GET /api/v1/tickets/:id over ${ids.length} tickets for ${durationS}s`);
    const read = await load({
      url,
      headers,
      duration: durationS,
      connections,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/tickets/${ids[Math.floor(Math.random() * ids.length)]}` }) }],
    });
    return { create, read, tickets: ids.length };
  } finally {
    await t.destroy();
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminPgUrl(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export const ticketsSuite: BenchSuite = {
  name: 'tickets',
  description: 'ticket create and read over loopback HTTP on SQLite and PostgreSQL, beside a bare Fastify validated POST',
  async run(opts) {
    const durationS = opts.smoke ? 1 : 10;
    const connections = opts.smoke ? 2 : CONNECTIONS;
    const figures: Record<string, unknown> = {
      connections,
      durationS,
      node: process.versions.node,
      baseline: await baseline(opts, durationS, connections),
      sqlite: await measure('sqlite', opts, durationS, connections),
    };
    figures.postgres = (await postgresReachable())
      ? await measure('postgres', opts, durationS, connections)
      : { skipped: `PostgreSQL not reachable at PISHKHAN_TEST_PG_URL or the local server` };
    return figures;
  },
};
