import type { JobMap } from '@pishkhan/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildOptions, type Pishkhan } from '../src/app.ts';
import { bootstrapInstallation } from '../src/bootstrap.ts';
import { ManualClock, type Clock } from '../src/platform/clock/index.ts';
import type { Config } from '../src/platform/config/index.ts';
import type { EventBus } from '../src/platform/events/index.ts';
import type { Jobs } from '../src/platform/jobs/index.ts';
import { createLogger, type Logger } from '../src/platform/logging/logger.ts';
import type { DB } from '../src/schema.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

export interface TestApp extends Pishkhan {
  testDb: TestDatabase;
  clock: ManualClock;
  dialect: TestDatabase['dialect'];
  /** Closes the app and drops the database. */
  destroy(): Promise<void>;
}

export function testConfig(db: TestDatabase, overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'http://localhost:8080',
    secureCookies: false,
    trustProxy: false,
    // The tests sign in hundreds of times from one address; rate-limits.db.test.ts sets its own.
    publicRateLimit: 100_000,
    dataDir: db.dataDir,
    database: db.config,
    secret: TEST_SECRET,
    adminEmail: 'admin@example.test',
    adminPassword: 'admin-password-123',
    logLevel: 'silent',
    // In-process tests change people and read at once; the cache's bound is tested across processes (actor-cache.db.test.ts).
    actorCacheMs: 0,
    liveHeartbeatMs: 20_000,
    smtp: { enabled: false, port: 0, host: '127.0.0.1', relayFrom: ['127.0.0.1', '::1'] },
    ...overrides,
  };
}

/**
 * A real app on a fresh database of the dialect under test, bootstrapped like a first start,
 * with a manual clock. Use in beforeAll; call destroy() in afterAll.
 */
export async function createTestApp(
  options: { clock?: Clock; config?: Partial<Config>; dialect?: TestDatabase['dialect']; logger?: Logger; httpTimeouts?: BuildOptions['httpTimeouts'] } = {},
): Promise<TestApp> {
  const testDb = await createTestDatabase(options.dialect ? { dialect: options.dialect } : {});
  const clock = (options.clock as ManualClock | undefined) ?? new ManualClock(Date.UTC(2026, 10, 26, 8, 0, 0));
  const config = testConfig(testDb, options.config);
  const logger = options.logger ?? createLogger('silent');
  const pishkhan = await buildApp({ config, database: testDb.database, secret: TEST_SECRET, clock, logger, ...(options.httpTimeouts ? { httpTimeouts: options.httpTimeouts } : {}) });
  await bootstrapInstallation(pishkhan.ctx.db, config, clock, logger, pishkhan.settings);
  return {
    ...pishkhan,
    testDb,
    clock,
    dialect: testDb.dialect,
    destroy: async () => {
      await pishkhan.close();
      await testDb.drop();
    },
  };
}

/** The parsed JSON body of an injected response. */
export function json<T = any>(res: LightMyRequestResponse): T {
  return res.json() as T;
}

/**
 * The app's job queue and dispatcher, typed to take the test's own jobs as well (`test.*` names
 * are not in contracts' JobMap): `const { jobs } = withTestJobs<{ 'test.effect': { tag: string } }>(t)`.
 */
export function withTestJobs<M extends object>(t: Pick<Pishkhan, 'ctx'>): { jobs: Jobs<DB, JobMap & M>; events: EventBus<JobMap & M> } {
  return { jobs: t.ctx.jobs as unknown as Jobs<DB, JobMap & M>, events: t.ctx.events as unknown as EventBus<JobMap & M> };
}
