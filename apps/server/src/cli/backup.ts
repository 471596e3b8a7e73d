import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../platform/config/index.ts';
import type { Database } from '../platform/db/index.ts';
import { BackupErrors, writeBackup } from '../platform/backup/index.ts';
import { DomainError } from '../platform/http/errors.ts';
import { localDiskStorage } from '../platform/storage/index.ts';
import { refusalsExitTwo } from './one-line-error.ts';

export const BACKUP_USAGE = 'pishkhan backup <file> [--include-secret]';

/**
 * `pishkhan backup <file> [--include-secret]`: the database and the attachments in one archive
 * (platform/backup), from one snapshot while a server keeps serving. Without --include-secret it
 * warns that sealed values (mailbox passwords, …) open only under the same PISHKHAN_SECRET.
 */
export function backupCommand(
  input: { config: Config; database: Database<any>; secret: string; positionals: string[]; flags: Record<string, string | true> },
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
): Promise<number> {
  return refusalsExitTwo(async () => {
    const file = input.positionals[1];
    if (!file || input.positionals.length > 2) throw new DomainError(BackupErrors['backup.usage'], { usage: BACKUP_USAGE });
    if (existsSync(file)) throw new DomainError(BackupErrors['backup.target_not_empty'], { what: file });
    const includeSecret = input.flags['include-secret'] === true;
    await writeBackup({
      db: input.database.kysely,
      dialect: input.database.dialect.name,
      storage: localDiskStorage(path.join(input.config.dataDir, 'attachments')),
      file,
      ...(includeSecret ? { secret: input.secret } : {}),
      progress: print,
    });
    if (includeSecret) printError(`Warning: ${file} holds PISHKHAN_SECRET: keep it as safe as the secret itself.`);
    else printError('Warning: the secret is not in the backup; sealed values (mailbox and relay passwords) open only under the same PISHKHAN_SECRET (or <data dir>/secret): keep it with the backup, or pass --include-secret.');
    return 0;
  }, printError);
}
