import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildApp } from '../app.ts';
import { resolveSecret } from '../bootstrap.ts';
import type { Config } from '../platform/config/index.ts';
import { sha256Hex } from '../platform/crypto/index.ts';
import { migrateToLatest, openDatabase } from '../platform/db/index.ts';
import { BackupErrors, restoreBackup, verifyArchive } from '../platform/backup/index.ts';
import { DomainError } from '../platform/http/errors.ts';
import { createLogger } from '../platform/logging/logger.ts';
import { systemActor } from '../platform/actor.ts';
import { localDiskStorage } from '../platform/storage/index.ts';
import type { DB } from '../schema.ts';
import { startRebuild } from '../modules/search/index.ts';
import { refusalsExitTwo } from './one-line-error.ts';

export const RESTORE_USAGE = 'pishkhan restore <file>';

/**
 * `pishkhan restore <file>` into the configured database and data dir, which must be empty (on
 * SQLite a new data dir; on PostgreSQL a new database — DATABASE_URL picks the dialect, so a
 * SQLite backup restores into PostgreSQL). Verifies the whole archive first, then restores,
 * migrates to this version and queues the search index rebuild for the next start. Runs before
 * main's usual first steps: the secret must come from the archive or the environment, never be
 * generated anew over sealed values.
 */
export function restoreCommand(
  input: { config: Config; positionals: string[] },
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
): Promise<number> {
  return refusalsExitTwo(async () => {
    const { config } = input;
    const file = input.positionals[1];
    if (!file || input.positionals.length > 2) throw new DomainError(BackupErrors['backup.usage'], { usage: RESTORE_USAGE });
    const manifest = await verifyArchive(file);
    print(`Archive verified: schema ${manifest.schemaVersion}, ${manifest.tables.length} tables, ${manifest.blobs.length} files, from ${manifest.sourceDialect}`);
    const secretFile = path.join(config.dataDir, 'secret');
    const existingSecret = config.secret ?? (await readFile(secretFile, 'utf8').then((s) => s.trim(), () => null));
    if (manifest.secret && existingSecret !== null && sha256Hex(existingSecret) !== manifest.secret.sha256) throw new DomainError(BackupErrors['backup.secret_mismatch']);
    const database = openDatabase<DB>(config.database);
    try {
      const { secret } = await restoreBackup({ db: database.kysely, storage: localDiskStorage(path.join(config.dataDir, 'attachments')), file, manifest, progress: print });
      if (secret !== null && existingSecret === null) await writeFile(secretFile, secret + '\n', { mode: 0o600, flag: 'wx' });
      if (!manifest.secret && existingSecret === null) {
        printError('Warning: the backup holds no secret and none is configured: sealed values (mailbox and relay passwords) need the source desk’s PISHKHAN_SECRET; set it before `pishkhan start`, or enter those passwords again.');
      }
      const applied = await migrateToLatest(database.kysely);
      if (applied.length) print(`Migrated to this version: ${applied.join(', ')}`);
      const pishkhan = await buildApp({ config, database, secret: await resolveSecret(config), logger: createLogger('warn') });
      try {
        await startRebuild(pishkhan.ctx, { actor: systemActor('cli') });
      } finally {
        await pishkhan.close();
      }
      print('Restore complete; the search index is rebuilt by the server once `pishkhan start` runs.');
      return 0;
    } finally {
      await database.close();
    }
  }, printError);
}
