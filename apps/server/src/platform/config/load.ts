import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Value } from 'typebox/value';
import { isEmailAddress } from '@pishkhan/text';
import { ConfigSchema, SECRET_KEYS, type Config, type RawConfig } from './schema.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, '1': true, yes: true, on: true, false: false, '0': false, no: false, off: false };

/**
 * Reads configuration once from the environment and, when PISHKHAN_CONFIG_FILE names one,
 * a JSON file (environment wins). Throws ConfigError naming each bad setting — never its value
 * when the setting is a secret.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const fromFile = env.PISHKHAN_CONFIG_FILE ? readConfigFile(env.PISHKHAN_CONFIG_FILE) : {};
  const raw: Record<string, unknown> = { ...fromFile };
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const key of ['PORT', 'PISHKHAN_ACTOR_CACHE_MS', 'PISHKHAN_JOBS_BATCH', 'PISHKHAN_LIVE_HEARTBEAT_MS', 'PISHKHAN_PUBLIC_RATE_LIMIT', 'PISHKHAN_SMTP_PORT'] as const) {
    const value = raw[key];
    if (typeof value === 'string' && /^\d+$/.test(value)) raw[key] = Number(value);
  }
  for (const key of ['PISHKHAN_TRUST_PROXY', 'PISHKHAN_SMTP_ENABLED'] as const) {
    if (typeof raw[key] !== 'string') continue;
    const word = BOOLEAN_WORDS[(raw[key] as string).toLowerCase()];
    if (word !== undefined) raw[key] = word;
  }
  const withDefaults = Value.Default(ConfigSchema, raw);
  const errors = [...Value.Errors(ConfigSchema, withDefaults)];
  const adminEmail = (withDefaults as Record<string, unknown>).PISHKHAN_ADMIN_EMAIL;
  const badEmail = typeof adminEmail === 'string' && !isEmailAddress(adminEmail) && !errors.some((e) => e.instancePath === '/PISHKHAN_ADMIN_EMAIL');
  if (errors.length > 0 || badEmail) {
    const lines = errors.map((e) => {
      const key = e.instancePath.replace(/^\//, '') || String((e.params as { requiredProperties?: string[] }).requiredProperties ?? '');
      const secret = (SECRET_KEYS as readonly string[]).includes(key);
      return `  ${key}: ${e.message}${secret ? ' (value hidden)' : ''}`;
    });
    if (badEmail) lines.push('  PISHKHAN_ADMIN_EMAIL: is not an email address');
    throw new ConfigError(`Invalid configuration:\n${[...new Set(lines)].join('\n')}`);
  }
  return derive(withDefaults as RawConfig);
}

function readConfigFile(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`PISHKHAN_CONFIG_FILE: cannot read ${file} as JSON (${(error as Error).message})`);
  }
}

function derive(raw: RawConfig): Config {
  const dataDir = path.resolve(raw.PISHKHAN_DATA_DIR);
  const publicUrl = (raw.PISHKHAN_PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, '');
  const url = raw.DATABASE_URL;
  const database: Config['database'] =
    url && /^postgres(ql)?:/.test(url)
      ? { dialect: 'postgres', url }
      : { dialect: 'sqlite', file: url ? url.replace(/^sqlite:(\/\/)?/, '') : path.join(dataDir, 'pishkhan.sqlite') };
  if (database.dialect === 'postgres' && !raw.PISHKHAN_SECRET) {
    throw new ConfigError(
      'PISHKHAN_SECRET is required when DATABASE_URL points at PostgreSQL: every process must share one secret (at least 32 characters).',
    );
  }
  if (raw.PISHKHAN_SECRET_PREVIOUS && !raw.PISHKHAN_SECRET) {
    throw new ConfigError('PISHKHAN_SECRET_PREVIOUS is set without PISHKHAN_SECRET: a rotation needs the new secret in PISHKHAN_SECRET and the old one in PISHKHAN_SECRET_PREVIOUS.');
  }
  return {
    port: raw.PORT,
    host: raw.HOST,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    trustProxy: raw.PISHKHAN_TRUST_PROXY,
    publicRateLimit: raw.PISHKHAN_PUBLIC_RATE_LIMIT,
    dataDir,
    database,
    secret: raw.PISHKHAN_SECRET,
    previousSecret: raw.PISHKHAN_SECRET_PREVIOUS,
    adminEmail: raw.PISHKHAN_ADMIN_EMAIL,
    adminPassword: raw.PISHKHAN_ADMIN_PASSWORD,
    logLevel: raw.LOG_LEVEL,
    actorCacheMs: raw.PISHKHAN_ACTOR_CACHE_MS,
    liveHeartbeatMs: raw.PISHKHAN_LIVE_HEARTBEAT_MS,
    jobsBatch: raw.PISHKHAN_JOBS_BATCH,
    smtp: {
      enabled: raw.PISHKHAN_SMTP_ENABLED,
      port: raw.PISHKHAN_SMTP_PORT,
      host: raw.PISHKHAN_SMTP_HOST ?? raw.HOST,
      relayFrom: raw.PISHKHAN_SMTP_RELAY_FROM.split(',').map((s) => s.trim()).filter(Boolean),
    },
  };
}
