import { Type, type Static } from 'typebox';
import { EmailAddress } from '@pishkhan/contracts';

/**
 * The whole process configuration: one schema, read once at start.
 * Secret settings are listed in SECRET_KEYS so that logs and error messages redact them. Every key
 * here is read into `Config` (load.test.ts holds it to that); test-only variables
 * (PISHKHAN_TEST_PG_URL, PISHKHAN_TEST_FAULT) are not configuration and are read by the test
 * helpers and faults.ts.
 */
export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  PISHKHAN_PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
  PISHKHAN_TRUST_PROXY: Type.Boolean({ default: false }),
  /** Requests per minute one address may make to each public endpoint (sign-in, reset, invitations, ticket links, sign-up); then 429 with Retry-After. */
  PISHKHAN_PUBLIC_RATE_LIMIT: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 30 }),
  PISHKHAN_DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^(postgres(ql)?|sqlite):' })),
  PISHKHAN_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  /** The secret before a rotation (`pishkhan secret rotate`): opens values sealed under it until the rotation is done. */
  PISHKHAN_SECRET_PREVIOUS: Type.Optional(Type.String({ minLength: 32 })),
  /** The one email rule the API uses (contracts' EmailAddress; load.ts also checks isEmailAddress). */
  PISHKHAN_ADMIN_EMAIL: Type.Optional(EmailAddress),
  PISHKHAN_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 12 })),
  /**
   * How long a process may reuse a session's actor (ms) before reading it again (ADR 0015): the
   * bound on how late sign-out, revocation and deactivation reach another process. 0 turns it off.
   */
  PISHKHAN_ACTOR_CACHE_MS: Type.Integer({ minimum: 0, maximum: 1000, default: 900 }),
  /** Short jobs run under one commit, up to this many (ADR 0003; default 16 on SQLite, 1 — none — on PostgreSQL). */
  PISHKHAN_JOBS_BATCH: Type.Optional(Type.Integer({ minimum: 1, maximum: 64 })),
  /** How often a live stream (GET /api/v1/live) sends a heartbeat and re-reads its subscriber's session (ms; ADR 0025). */
  PISHKHAN_LIVE_HEARTBEAT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 20_000 }),
  /** The built-in SMTP receiver: on unless "false"; port 0 takes a free port (tests). */
  PISHKHAN_SMTP_ENABLED: Type.Boolean({ default: true }),
  PISHKHAN_SMTP_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 2525 }),
  /** Where the receiver listens; default HOST. */
  PISHKHAN_SMTP_HOST: Type.Optional(Type.String({ minLength: 1 })),
  /** Comma-separated addresses or CIDR blocks that may hand mail in without SMTP AUTH (default loopback). */
  PISHKHAN_SMTP_RELAY_FROM: Type.String({ default: '127.0.0.1,::1', pattern: '^[0-9A-Fa-f:./, ]*$' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
});

export type RawConfig = Static<typeof ConfigSchema>;

export const SECRET_KEYS = ['PISHKHAN_SECRET', 'PISHKHAN_SECRET_PREVIOUS', 'PISHKHAN_ADMIN_PASSWORD', 'DATABASE_URL'] as const;

/** Configuration after defaults and derived values are applied. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  secureCookies: boolean;
  trustProxy: boolean;
  /** Requests per minute per address to each public endpoint. */
  publicRateLimit: number;
  dataDir: string;
  database: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
  /** Absent only on SQLite before start generates one into the data dir. */
  secret: string | undefined;
  /** PISHKHAN_SECRET_PREVIOUS: during a secret rotation, the old secret (its key still opens, never seals). */
  previousSecret?: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  logLevel: string;
  /** PISHKHAN_ACTOR_CACHE_MS: how long a session's actor may be reused (0: read on every request). */
  actorCacheMs: number;
  /** PISHKHAN_JOBS_BATCH: short jobs per commit; undefined takes the dialect's default. */
  jobsBatch?: number | undefined;
  /** PISHKHAN_LIVE_HEARTBEAT_MS: the live stream's heartbeat, when it also re-reads the session. */
  liveHeartbeatMs: number;
  smtp: { enabled: boolean; port: number; host: string; relayFrom: string[] };
}
