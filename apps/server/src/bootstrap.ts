import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { ConfigError, type Config } from './platform/config/index.ts';
import type { Clock } from './platform/clock/index.ts';
import { transaction } from './platform/db/index.ts';
import { ensureDefaultSettings, type SettingsGroup } from './platform/settings/index.ts';
import type { Db } from './schema.ts';
import { hashPassword, insertUser, INITIAL_PASSWORD_FILE, writeInitialPasswordFile } from './modules/access/index.ts';
import { agentWithRoleExists, ensureDefaultGroup, insertAgent } from './modules/people/index.ts';
import { ensureDefaultMailbox } from './modules/email/index.ts';
import { ensureDefaultCalendars } from './modules/calendars/index.ts';
import { ensureDefaultSlaPolicy } from './modules/sla/index.ts';

export { INITIAL_PASSWORD_FILE };
const DEFAULT_ADMIN_EMAIL = 'admin@localhost';

/**
 * PISHKHAN_SECRET: required on PostgreSQL (config refuses without it); on SQLite it is generated
 * once into <data dir>/secret (mode 0600) and read from there afterwards.
 */
export async function resolveSecret(config: Config): Promise<string> {
  if (config.secret) return config.secret;
  const file = path.join(config.dataDir, 'secret');
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Already there (a later start, or another process won the race): read what is there.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = (await readFile(file, 'utf8')).trim();
  if (secret.length < 32) {
    throw new ConfigError(`${file} holds no usable secret (under 32 characters): restore it from a backup or set PISHKHAN_SECRET.`);
  }
  return secret;
}

/**
 * First start: default settings, the "Service Desk" group, the default mailbox, calendars and SLA policy, and the admin. The admin is `admin` +
 * `manager` + `analyst` in the Service Desk group, so a one-person desk works at once (README says
 * how to drop the desk roles later). The password comes from PISHKHAN_ADMIN_PASSWORD or is
 * generated into <data dir>/initial-admin-password (mode 0600) — the log names only the file — and
 * must be changed at first sign-in; the file is written before the admin's row commits (and removed
 * if the commit fails), so no admin exists whose password nobody can read. The file goes once the
 * password is changed. Idempotent: later starts change nothing.
 */
export async function bootstrapInstallation(
  db: Db,
  config: Config,
  clock: Clock,
  logger: Logger,
  settings: ReadonlyArray<SettingsGroup<any>>,
): Promise<void> {
  const now = clock.now();
  await ensureDefaultSettings(db, settings, now);
  const groupId = await ensureDefaultGroup(db, now);
  await ensureDefaultMailbox(db, groupId, now);
  await ensureDefaultCalendars(db, now);
  await ensureDefaultSlaPolicy(db, now);
  if (await agentWithRoleExists(db, 'admin')) return;
  const generated = config.adminPassword ? undefined : randomBytes(18).toString('base64url');
  const password = config.adminPassword ?? generated!;
  const email = config.adminEmail ?? DEFAULT_ADMIN_EMAIL;
  const passwordHash = await hashPassword(password);
  const file = generated ? await writeInitialPasswordFile(config.dataDir, email, generated) : undefined;
  try {
    await transaction(db, async (trx) => {
      const userId = await insertUser(trx, { email, passwordHash, mustChangePassword: generated !== undefined, locale: 'fa', now });
      await insertAgent(trx, { userId, name: 'مدیر سامانه', roles: ['admin', 'manager', 'analyst'], groupIds: [groupId], now });
    });
  } catch (error) {
    if (file) await rm(file, { force: true });
    throw error;
  }
  if (file) {
    logger.warn({ file, email }, 'Created the admin account; its one-time password is in this file and must be changed at first sign-in');
  } else {
    logger.info({ email }, 'Created the admin account from PISHKHAN_ADMIN_EMAIL / PISHKHAN_ADMIN_PASSWORD');
  }
}
