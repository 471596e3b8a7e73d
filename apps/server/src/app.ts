import type { JobMap } from '@pishkhan/contracts';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Logger } from 'pino';
import type { Config } from './platform/config/index.ts';
import { systemClock, type Clock } from './platform/clock/index.ts';
import { deriveKey, secretRotationContribution } from './platform/crypto/index.ts';
import { sealedValues } from './sealed-values.ts';
import type { Database } from './platform/db/index.ts';
import { createHttpServer, type App, type HttpTimeouts } from './platform/http/server.ts';
import { routeSink } from './platform/http/route-sink.ts';
import { registerWebApp } from './platform/http/web-app.ts';
import { createJobs, platformContribution } from './platform/jobs/index.ts';
import { createEventDispatcher } from './platform/events/index.ts';
import { createLogger } from './platform/logging/logger.ts';
import { createMetrics, registerMetrics } from './platform/metrics/index.ts';
import { localDiskStorage } from './platform/storage/index.ts';
import { searchIndexFor } from './platform/search/index.ts';
import { createRealtime, realtimeFeedFor, registerLiveRoute } from './platform/realtime/index.ts';
import path from 'node:path';
import type { AppContext } from './context.ts';
import { installContributions } from './platform/install.ts';
import type { Contribution, SeedMode } from './platform/modules.ts';
import type { SettingsGroup } from './platform/settings/index.ts';
import type { DB } from './schema.ts';
import { createAuthenticator, jobActorLoader, rateLimitStore, registerAccess } from './modules/access/index.ts';
import { registerTickets, ROLE_QUEUE_VIEWS, ticketAudience, ticketMergeMover } from './modules/tickets/index.ts';
import { registerNotifications } from './modules/notifications/index.ts';
import { registerAdminJobs } from './modules/admin-jobs/index.ts';
import { compileTicketQuery, registerSearch, searchFilterFields } from './modules/search/index.ts';
import { registerAudit } from './modules/audit/index.ts';
import { actorSidesOfUser, contactSignInPort, registerPeople, resolveOnBehalfActor } from './modules/people/index.ts';
import { seedContribution } from './seed/index.ts';
import { createOutboundMailer, emailMergeMover, referencedRawBlobs, registerEmail, registerOutbound } from './modules/email/index.ts';
import { registerPreferences } from './modules/preferences/index.ts';
import { registerSso } from './modules/sso/index.ts';
import { registerCalendars } from './modules/calendars/index.ts';
import { dutyCalendarUses, registerDuty } from './modules/duty/index.ts';
import { registerSla, slaCalendarUses, SLA_QUEUE_VIEWS } from './modules/sla/index.ts';
import { contractsOfTickets, registerContracts } from './modules/contracts/index.ts';

export interface BuildOptions {
  config: Config;
  database: Database<DB>;
  secret: string;
  clock?: Clock;
  logger?: Logger;
  /** Slow-client limits; the server runs with the defaults (server.ts), tests shorten them. */
  httpTimeouts?: Partial<HttpTimeouts>;
  /** false: no HTTP layer (the CLI's `user create`, `seed`, `reindex`): routes go nowhere; default true. */
  http?: boolean;
}

export interface Pishkhan {
  app: App;
  ctx: AppContext;
  /** Every module's contributions, in registration order (settings, jobs, schedules, subscriptions, seed modes). */
  contributions: Contribution<AppContext>[];
  /** The settings groups of every module, for bootstrap. */
  settings: SettingsGroup<any>[];
  /** The seed modes of every module, for `pishkhan seed --<mode>`. */
  seedModes: SeedMode<AppContext>[];
  close(): Promise<void>;
}

const MB = 1024 * 1024;

/**
 * The composition root: builds the platform once and registers every module explicitly, in one
 * readable list (no registration by side-effect imports); then installs what the modules
 * contribute (jobs, schedules, subscriptions, settings, seed modes) in one place.
 */
export async function buildApp(options: BuildOptions): Promise<Pishkhan> {
  const { config, database } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  // A job enqueued for a user runs as that user, reloaded with the sides people knows of.
  const jobs = createJobs<JobMap>({ db: database.kysely, dialect: database.dialect, clock, logger, batch: config.jobsBatch, loadActor: jobActorLoader({ actorSides: actorSidesOfUser }) });
  const events = createEventDispatcher<JobMap>({ db: database.kysely, dialect: database.dialect, clock, logger, jobs });
  // Live updates: the feed of the database's dialect; who hears of a ticket is the tickets policy's call.
  const realtime = createRealtime({ feed: realtimeFeedFor(config.database, database.kysely, logger), audience: ticketAudience(database.kysely), clock, logger });
  const ctx: AppContext = {
    config,
    db: database.kysely,
    dialect: database.dialect,
    clock,
    logger,
    secret: options.secret,
    // The current secret seals; during a rotation the previous one still opens (ADR 0022).
    sealKeys: [deriveKey(options.secret), ...(config.previousSecret ? [deriveKey(config.previousSecret)] : [])],
    jobs,
    events,
    storage: localDiskStorage(path.join(config.dataDir, 'attachments'), { clock }),
    search: searchIndexFor(database.kysely),
    realtime,
    actorSides: actorSidesOfUser,
    resolveActor: resolveOnBehalfActor,
    contactSignIns: contactSignInPort,
    // What a people merge moves in other modules' tables (people imports neither tickets nor email).
    mergeMovers: [ticketMergeMover, emailMergeMover],
  };
  const http = options.http !== false;
  const app = http ? await httpServerOf(ctx, database, realtime, options.httpTimeouts) : routeSink();

  const contributions: Contribution<AppContext>[] = [
    platformContribution(ctx),
    // Re-seals every value of the one registry under the current secret (`pishkhan secret rotate`).
    secretRotationContribution(ctx, sealedValues),
    registerAudit(app, ctx),
    registerAccess(app, ctx),
    registerPeople(app, ctx),
    registerTickets(app, ctx, { queueViews: [...ROLE_QUEUE_VIEWS, ...SLA_QUEUE_VIEWS], filterFields: searchFilterFields(ctx), compileQuery: compileTicketQuery, blobReferences: [referencedRawBlobs] }),
    registerNotifications(app, ctx, { mailer: createOutboundMailer(ctx) }),
    registerAdminJobs(app, ctx),
    registerSearch(app, ctx),
    // Not a module: the demo and bench data, written through the modules' index.ts.
    seedContribution(),
    registerEmail(app, ctx),
    registerOutbound(app, ctx),
    registerPreferences(app, ctx),
    registerSso(app, ctx),
    // Calendars ask sla and duty who runs on a calendar before deleting it (409 calendar.in_use).
    registerCalendars(app, ctx, { uses: [slaCalendarUses, dutyCalendarUses] }),
    registerDuty(app, ctx),
    // The organisation's contract places a ticket before the global rules (sla does not import contracts).
    registerSla(app, ctx, { contracts: contractsOfTickets }),
    registerContracts(app, ctx),
  ];
  const installed = installContributions(ctx, contributions);

  if (http) {
    await app.ready();
    await realtime.start();
  }
  return {
    app,
    ctx,
    contributions,
    settings: installed.settings,
    seedModes: installed.seedModes,
    close: async () => {
      await events.stop();
      await jobs.stop();
      // Streams end first: the HTTP server's close waits for open connections.
      if (http) {
        await realtime.stop();
        await app.close();
      }
    },
  };
}

/** The HTTP layer: the server with its plugins, health, live updates, metrics and the web app (modules add their routes after). */
async function httpServerOf(ctx: AppContext, database: Database<DB>, realtime: ReturnType<typeof createRealtime>, timeouts: Partial<HttpTimeouts> | undefined): Promise<App> {
  const { config, clock, logger } = ctx;
  const authenticate = createAuthenticator(ctx);
  const app = await createHttpServer({
    logger,
    trustProxy: config.trustProxy,
    bodyLimit: 2 * MB,
    uploadLimit: 4096 * MB,
    authenticate,
    rateLimit: { max: config.publicRateLimit, store: rateLimitStore(database.kysely, clock) },
    ...(timeouts ? { timeouts } : {}),
  });

  app.get(
    '/api/health',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Liveness and database readiness',
        response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok') }), 503: Type.Object({ status: Type.String(), database: Type.String() }) },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(ctx.db);
        return { status: 'ok' as const, database: 'ok' as const };
      } catch {
        return reply.status(503).send({ status: 'degraded', database: 'unavailable' });
      }
    },
  );

  registerLiveRoute(app, realtime, { authenticate, heartbeatMs: config.liveHeartbeatMs });
  registerMetrics(app, createMetrics({ db: ctx.db, clock, poolStats: database.poolStats }));
  // The web app (workspace at /, portal at /portal) on the API's port.
  await registerWebApp(app);

  return app;
}
