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
  PISHKHAN_DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^(postgres(ql)?|sqlite):' })),
  PISHKHAN_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  /** The one email rule the API uses (contracts' EmailAddress; load.ts also checks isEmailAddress). */
  PISHKHAN_ADMIN_EMAIL: Type.Optional(EmailAddress),
  PISHKHAN_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 12 })),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
});

export type RawConfig = Static<typeof ConfigSchema>;

export const SECRET_KEYS = ['PISHKHAN_SECRET', 'PISHKHAN_ADMIN_PASSWORD', 'DATABASE_URL'] as const;

/** Configuration after defaults and derived values are applied. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  secureCookies: boolean;
  trustProxy: boolean;
  dataDir: string;
  database: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
  /** Absent only on SQLite before start generates one into the data dir. */
  secret: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  logLevel: string;
}
