import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));
const NAME = /^\d{12}_[a-z0-9]+_[a-z0-9_]+\.ts$/;

/** Loads apps/server/migrations/YYYYMMDDHHMM_module_change.ts in name order. */
class FolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
    const out: Record<string, Migration> = {};
    for (const file of files) {
      if (!NAME.test(file)) throw new Error(`Migration ${file} is not named YYYYMMDDHHMM_module_change.ts`);
      out[file.replace(/\.ts$/, '')] = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration;
    }
    return out;
  }
}

export async function listMigrations(): Promise<string[]> {
  return Object.keys(await new FolderProvider().getMigrations());
}

const migratorOf = (db: Kysely<any>) =>
  new Migrator({ db, provider: new FolderProvider(), migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });

/** Applies the migrations up to and including `name` (restore builds the archive's schema first). */
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  const { error, results } = await migratorOf(db).migrateTo(name);
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migratorOf(db).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
