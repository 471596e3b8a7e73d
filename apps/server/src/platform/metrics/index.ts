import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock/index.ts';
import type { PoolStats } from '../db/dialects/postgres.ts';
import { outboxBacklog } from '../events/outbox.repository.ts';
import { jobQueueStats } from '../jobs/jobs.repository.ts';
import { forbidden } from '../http/errors.ts';

/**
 * The process's Prometheus metrics (prom-client, one registry per app, never the global one):
 * request rate and latency by route, the job queue by state (dead jobs and those retrying after
 * a failure), the outbox's lag, the database pool and Node's own (event-loop lag among them).
 * Database figures are read when scraped, so every process reports the shared queue alike.
 */
export interface Metrics {
  registry: Registry;
  /** One finished request: its route pattern (never the raw URL: ids would explode the label set). */
  observeRequest(input: { method: string; route: string; status: number; seconds: number }): void;
  render(): Promise<{ contentType: string; body: string }>;
}

export function createMetrics(deps: { db: Kysely<any>; clock: Clock; poolStats: () => PoolStats }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const requests = new Counter({ name: 'pishkhan_http_requests_total', help: 'HTTP requests by method, route and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'pishkhan_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'pishkhan_jobs',
    help: 'Jobs in the queue by status (ready, running, done, dead)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const stats = await jobQueueStats(deps.db);
      for (const [status, n] of Object.entries(stats.byStatus)) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'pishkhan_jobs_retrying',
    help: 'Ready jobs that have failed at least once and wait for their next attempt',
    registers: [registry],
    async collect() {
      this.set((await jobQueueStats(deps.db)).retrying);
    },
  });
  new Gauge({
    name: 'pishkhan_outbox_pending',
    help: 'Events written but not yet dispatched to their subscribers',
    registers: [registry],
    async collect() {
      this.set((await outboxBacklog(deps.db)).pending);
    },
  });
  new Gauge({
    name: 'pishkhan_outbox_lag_seconds',
    help: 'Age of the oldest undispatched event (0 when none waits)',
    registers: [registry],
    async collect() {
      const { oldestAt } = await outboxBacklog(deps.db);
      this.set(oldestAt === null ? 0 : Math.max(0, (deps.clock.now() - oldestAt) / 1000));
    },
  });
  new Gauge({
    name: 'pishkhan_db_pool_connections',
    help: 'Database pool: size, open, idle and waiting',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const s = deps.poolStats();
      this.set({ state: 'size' }, s.size);
      this.set({ state: 'open' }, s.open);
      this.set({ state: 'idle' }, s.idle);
      this.set({ state: 'waiting' }, s.waiting);
    },
  });
  return {
    registry,
    observeRequest({ method, route, status, seconds }) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/**
 * `GET /metrics` in Prometheus' text format, for a token with the `metrics` scope only (a session,
 * even an admin's, is refused: scrapers use tokens). Every finished request is counted by route.
 */
export function registerMetrics(app: import('../http/server.ts').App, metrics: Metrics): void {
  // Callback form: no promise for every request.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest({ method: request.method, route, status: reply.statusCode, seconds: reply.elapsedTime / 1000 });
    done();
  });
  app.get(
    '/metrics',
    { schema: { tags: ['metrics'], summary: 'Prometheus metrics (a token with the metrics scope)', hide: false } },
    async (request, reply) => {
      const actor = request.actor;
      if (actor.kind !== 'user' || actor.via !== 'token' || !actor.tokenScopes?.includes('metrics')) throw forbidden('metrics');
      const { contentType, body } = await metrics.render();
      return reply.type(contentType).send(body);
    },
  );
}
