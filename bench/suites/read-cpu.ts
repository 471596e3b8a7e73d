import Fastify from 'fastify';
import { CompiledQuery, type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { buildApp, type Pishkhan } from '../../apps/server/src/app.ts';
import { bootstrapInstallation } from '../../apps/server/src/bootstrap.ts';
import { loadConfig } from '../../apps/server/src/platform/config/index.ts';
import { migrateToLatest, openDatabase, type Database } from '../../apps/server/src/platform/db/index.ts';
import { createLogger } from '../../apps/server/src/platform/logging/logger.ts';
import type { DB } from '../../apps/server/src/schema.ts';
import { TICKET_BODY } from '../lib/ceilings.ts';
import { BENCH_SECRET, cli, serverEnv } from '../lib/server.ts';
import { freshTarget, postgresReachable } from '../lib/targets.ts';
import type { BenchSuite } from './types.ts';

const EMAIL = 'bench-analyst@example.test';
const PASSWORD = 'bench-password-1403';
const IN_FLIGHT = 16;

/** Counts the statements the app executes (each execution passes transformResult once, prepared or not). */
class StatementCounter implements KyselyPlugin {
  executed = 0;
  /** When set, the queries Kysely builds meanwhile (prepared ones were built before and are not among them). */
  built: RootOperationNode[] | undefined;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.built?.push(args.node);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.executed++;
    return args.result;
  }
}

export interface CpuFigures {
  requests: number;
  /** Server-side CPU (user + system of this process) per request, µs: the app, Fastify and light-my-request's injection. */
  cpuUsPerRequest: number;
  statementsPerRequest: number;
  /** Wall time per request with IN_FLIGHT requests outstanding, µs (on a loaded machine it counts other processes' turns too). */
  wallUsPerRequest: number;
  /** The process's own CPU ceiling for this route shape: 1e6 / cpuUsPerRequest. */
  cpuBoundRps: number;
}

type Inject = (path: string) => Promise<{ statusCode: number; body: string }>;

/** `count` GETs through `inject`, IN_FLIGHT at a time, each of `paths` in turn; throws on any non-200. */
async function measureGets(inject: Inject, paths: readonly string[], count: number, counter: StatementCounter | undefined): Promise<CpuFigures> {
  let next = 0;
  const statementsBefore = counter?.executed ?? 0;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < count) {
      const path = paths[next++ % paths.length]!;
      const res = await inject(path);
      if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const wallUs = Number(process.hrtime.bigint() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuUs = (cpu.user + cpu.system) / count;
  return {
    requests: count,
    cpuUsPerRequest: Math.round(cpuUs),
    statementsPerRequest: counter ? Math.round(((counter.executed - statementsBefore) / count) * 100) / 100 : 0,
    wallUsPerRequest: Math.round(wallUs / count),
    cpuBoundRps: Math.round(1e6 / cpuUs),
  };
}

/**
 * `measure` under V8's CPU profiler when BENCH_CPU_PROF names a directory (`<name>.cpuprofile`
 * there: the measured requests alone, without the setup a whole-process --cpu-prof would include).
 */
async function profiled<T>(name: string, measure: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return measure();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await measure();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** The same measure on a bare Fastify app answering one small JSON object: the floor of injection and Fastify itself. */
async function bareFloor(count: number): Promise<CpuFigures> {
  const bare = Fastify({ logger: false });
  bare.get('/items/:id', async (request) => ({ id: Number((request.params as { id: string }).id), title: 'چاپگر' }));
  await bare.ready();
  try {
    const inject: Inject = async (url) => bare.inject({ method: 'GET', url });
    await measureGets(inject, ['/items/1'], Math.min(count, 2000), undefined);
    return await measureGets(inject, ['/items/1', '/items/2'], count, undefined);
  } finally {
    await bare.close();
  }
}

/**
 * One installation on `dialect` with the app built in this process the way `pishkhan start` builds
 * it (production config from the environment, JSON logs at info to /dev/null through createLogger, jobs and dispatcher
 * on, the actor cache on), `tickets` tickets created by an analyst, then reads and lists through
 * `app.inject`.
 */
async function measureDialect(dialect: 'sqlite' | 'postgres', sizes: { tickets: number; reads: number; lists: number }) {
  const { target, drop } = await freshTarget(dialect);
  let pishkhan: Pishkhan | undefined;
  let database: Database<DB> | undefined;
  try {
    cli(target, ['user', 'create', '--email', EMAIL, '--name', 'Bench analyst', '--roles', 'analyst', '--groups', '1', '--password', PASSWORD]);
    const config = loadConfig(serverEnv(target, { NODE_ENV: 'production', PISHKHAN_SMTP_ENABLED: 'false' }));
    const opened = openDatabase<DB>(config.database);
    const counter = new StatementCounter();
    database = { ...opened, kysely: opened.kysely.withPlugin(counter) as Kysely<DB> };
    await migrateToLatest(database.kysely);
    // The server's own logger, to /dev/null.
    const logger = createLogger('info', '/dev/null');
    pishkhan = await buildApp({ config, database, secret: BENCH_SECRET, logger });
    await bootstrapInstallation(pishkhan.ctx.db, config, pishkhan.ctx.clock, logger, pishkhan.settings);
    pishkhan.ctx.events.start();
    pishkhan.ctx.jobs.start();
    const app = pishkhan.app;

    const signIn = await app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json' }, payload: { email: EMAIL, password: PASSWORD } });
    if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.statusCode} ${signIn.body}`);
    const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const headers = { cookie, 'x-csrf-token': (signIn.json() as { csrfToken: string }).csrfToken, 'accept-language': 'en' };
    const ids: number[] = [];
    for (let i = 0; i < sizes.tickets; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...headers, 'content-type': 'application/json' }, payload: TICKET_BODY });
      if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
      ids.push((res.json() as { id: number }).id);
    }
    // What the creates queued runs before the reads are measured (its CPU is not theirs).
    for (let waited = 0; waited < 120_000; waited += 100) {
      const [outbox, jobs] = await Promise.all([
        database.kysely.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('dispatched_at', 'is', null).executeTakeFirstOrThrow(),
        database.kysely.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', ['ready', 'running']).where('run_at', '<=', Date.now()).executeTakeFirstOrThrow(),
      ]);
      if (Number(outbox.n) + Number(jobs.n) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const inject: Inject = async (url) => app.inject({ method: 'GET', url, headers });
    const readPaths = ids.map((id) => `/api/v1/tickets/${id}`);
    // Warm-up: V8 optimises, statement caches fill.
    await measureGets(inject, readPaths, Math.min(sizes.reads, 2000), counter);
    await measureGets(inject, ['/api/v1/tickets?limit=25'], Math.min(sizes.lists, 200), counter);
    const read = await profiled(`${dialect}-read`, () => measureGets(inject, readPaths, sizes.reads, counter));
    const list = await profiled(`${dialect}-list`, () => measureGets(inject, ['/api/v1/tickets?limit=25'], sizes.lists, counter));
    // The plans of the statements a list builds per request (EXPLAIN QUERY PLAN / EXPLAIN).
    counter.built = [];
    await inject('/api/v1/tickets?limit=25');
    const built = counter.built;
    counter.built = undefined;
    const listPlans = [];
    for (const node of built) {
      const compiled = opened.kysely.getExecutor().compileQuery(node, { queryId: 'plan' });
      const explain = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
      const plan = await opened.kysely.executeQuery(CompiledQuery.raw(explain + compiled.sql, [...compiled.parameters]));
      listPlans.push({ sql: compiled.sql, plan: plan.rows.map((r) => String((r as Record<string, unknown>).detail ?? (r as Record<string, unknown>)['QUERY PLAN'])) });
    }
    return { read, list, listPlans };
  } finally {
    await pishkhan?.close();
    await database?.close();
    await drop();
  }
}

export const readCpuSuite: BenchSuite = {
  name: 'read-cpu',
  description: 'server CPU µs and statements per request for GET /tickets/:id and GET /tickets?limit=25, in-process through app.inject (run node with --cpu-prof for the profile), beside a bare Fastify floor',
  async run(opts) {
    const sizes = opts.smoke ? { tickets: 5, reads: 50, lists: 10 } : { tickets: Number(process.env.BENCH_TICKETS ?? 200), reads: Number(process.env.BENCH_READS ?? 20_000), lists: Number(process.env.BENCH_LISTS ?? 2_000) };
    const floor = await bareFloor(sizes.reads);
    const figures: Record<string, unknown> = { node: process.versions.node, inFlight: IN_FLIGHT, sizes, bareFastifyFloor: floor };
    const only = process.env.BENCH_DIALECTS?.split(',');
    for (const dialect of ['sqlite', 'postgres'] as const) {
      if (only && !only.includes(dialect)) continue;
      if (dialect === 'postgres' && !(await postgresReachable())) {
        figures.postgres = { skipped: 'PostgreSQL not reachable at PISHKHAN_TEST_PG_URL or the local server' };
        continue;
      }
      opts.log(`${dialect}: ${sizes.tickets} tickets, ${sizes.reads} reads, ${sizes.lists} lists`);
      const m = await measureDialect(dialect, sizes);
      // How many reads one bare request's CPU buys: the ratio the read target (≥ 0.30 of the CPU ceiling) is about.
      figures[dialect] = { ...m, readToFloor: Math.round((floor.cpuUsPerRequest / m.read.cpuUsPerRequest) * 100) / 100, listToFloor: Math.round((floor.cpuUsPerRequest / m.list.cpuUsPerRequest) * 100) / 100 };
    }
    return figures;
  },
};
