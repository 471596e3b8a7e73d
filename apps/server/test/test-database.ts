import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../src/platform/config/index.ts';
import { migrateToLatest, openDatabase, type Database } from '../src/platform/db/index.ts';
import type { DB } from '../src/schema.ts';

export type TestDialect = 'sqlite' | 'postgres';

/** The dialect this test process runs against (scripts/test.mjs sets it; SQLite by default). */
export function testDialect(): TestDialect {
  return process.env.PISHKHAN_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
}

export function adminPgUrl(): string {
  return process.env.PISHKHAN_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

export interface TestDatabase {
  dialect: TestDialect;
  config: Config['database'];
  dataDir: string;
  database: Database<DB>;
  /** Opens another connection to the same database (e.g. for a second process). */
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, randomly named, migrated database for one test file, and a temp data dir.
 * It checks that it really is connected to the dialect under test.
 */
export async function createTestDatabase(options: { migrate?: boolean; dialect?: TestDialect } = {}): Promise<TestDatabase> {
  const dialect = options.dialect ?? testDialect();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pishkhan-test-'));
  let config: Config['database'];
  let dropDb = async () => {};
  if (dialect === 'postgres') {
    const name = `pishkhan_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminPgUrl() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    config = { dialect: 'postgres', url: withDatabase(adminPgUrl(), name) };
    dropDb = async () => {
      const c = new pg.Client({ connectionString: adminPgUrl() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    config = { dialect: 'sqlite', file: path.join(dataDir, 'pishkhan.sqlite') };
  }
  const database = openDatabase<DB>(config, { poolSize: 8 });
  const version = await database.dialect.serverVersion(database.kysely as never);
  const expected = dialect === 'postgres' ? /^PostgreSQL/ : /^sqlite /;
  if (database.dialect.name !== dialect || !expected.test(version)) {
    throw new Error(`Expected a ${dialect} database, connected to ${database.dialect.name} (${version})`);
  }
  if (options.migrate !== false) await migrateToLatest(database.kysely);
  return {
    dialect,
    config,
    dataDir,
    database,
    url: config.dialect === 'postgres' ? config.url : `sqlite:${config.file}`,
    drop: async () => {
      await database.close();
      await dropDb();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
