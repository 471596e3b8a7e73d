import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { dialectOf, listMigrations, migrateTo } from '../db/index.ts';
import { DomainError } from '../http/errors.ts';
import type { BlobStorage } from '../storage/index.ts';
import { blobFile, MANIFEST, SECRET_ENTRY, type Manifest } from './archive-format.ts';
import { BackupErrors } from './backup.errors.ts';
import { readArchive } from './read-archive.ts';
import { backupTables, type BackupTable } from './tables.ts';
import { valueFor } from './column-values.ts';

export interface RestoreInput {
  db: Kysely<any>;
  storage: BlobStorage;
  file: string;
  /** The manifest verifyArchive returned: the archive was checked whole before this runs. */
  manifest: Manifest;
  progress?: (line: string) => void;
}

/**
 * Restores a verified archive into an empty database of either dialect and an empty blob store:
 * builds the archive's schema version, refuses a target holding any row or file, then loads
 * every table in one transaction (ids kept; self-references set once their rows exist) and
 * moves every id generator past the highest id. Returns the archive's secret, if it holds one.
 * The caller migrates to the latest version afterwards.
 */
export async function restoreBackup(input: RestoreInput): Promise<{ secret: string | null }> {
  const { db, manifest } = input;
  const progress = input.progress ?? (() => {});
  const known = await listMigrations();
  if (!known.includes(manifest.schemaVersion)) throw new DomainError(BackupErrors['backup.newer_schema'], { version: manifest.schemaVersion });
  const applied = await appliedMigrations(db);
  const ahead = applied.find((name) => name > manifest.schemaVersion);
  if (ahead) throw new DomainError(BackupErrors['backup.target_schema'], { version: applied.at(-1)! });
  await migrateTo(db, manifest.schemaVersion);
  const tables = new Map((await backupTables(db)).map((t) => [t.name, t]));
  for (const table of tables.values()) {
    const row = await db.selectFrom(table.name).select(sql<number>`1`.as('one')).limit(1).executeTakeFirst();
    if (row) throw new DomainError(BackupErrors['backup.target_not_empty'], { what: table.name });
  }
  for await (const _ of input.storage.list()) throw new DomainError(BackupErrors['backup.target_not_empty'], { what: 'attachments' });
  const byFile = new Map(manifest.tables.map((t) => [t.file, t]));
  for (const t of manifest.tables) {
    if (!tables.has(t.name)) throw new DomainError(BackupErrors['backup.corrupt'], { entry: MANIFEST, reason: `no table ${t.name} in schema ${manifest.schemaVersion}` });
  }
  const types = await columnTypes(db);
  let secret: string | null = null;
  const stored: string[] = [];
  await db.transaction().execute(async (trx) => {
    let files = 0;
    await readArchive(input.file, async (entry) => {
      const table = byFile.get(entry.name);
      if (table) {
        const rows = await loadTable(trx, tables.get(table.name)!, types.get(table.name)!, entry.stream);
        progress(`${table.name}: ${rows} rows`);
      } else if (entry.name.startsWith('blobs/')) {
        const blob = await input.storage.put(entry.stream, entry.size);
        stored.push(blob.sha256);
        if (blobFile(blob.sha256) !== entry.name) throw new DomainError(BackupErrors['backup.corrupt'], { entry: entry.name, reason: 'checksum mismatch' });
        if (++files % 100 === 0) progress(`files: ${files}/${manifest.blobs.length}`);
      } else if (entry.name === SECRET_ENTRY) {
        const parts: Buffer[] = [];
        for await (const chunk of entry.stream) parts.push(chunk as Buffer);
        secret = Buffer.concat(parts).toString('utf8');
      }
    });
    for (const table of tables.values()) if (table.hasId) await dialectOf(trx).resetIdentity(trx, table.name);
  }).catch(async (error: unknown) => {
    // The rows rolled back; take the files back too, so the target is empty again for another try.
    for (const sha256 of stored) await input.storage.removeIfStoredBefore(sha256, Number.MAX_SAFE_INTEGER);
    throw error;
  });
  progress(`Restored ${manifest.tables.reduce((n, t) => n + t.rows, 0)} rows and ${manifest.blobs.length} files (schema ${manifest.schemaVersion})`);
  return { secret };
}

async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  const exists = (await db.introspection.getTables()).some((t) => t.name === 'schema_migrations');
  if (!exists) return [];
  return (await db.selectFrom('schema_migrations').select('name').orderBy('name').execute()).map((r) => r.name as string);
}

/** Each column's type on the target, so a value of the other dialect lands as this one stores it. */
async function columnTypes(db: Kysely<any>): Promise<Map<string, Map<string, string>>> {
  return new Map((await db.introspection.getTables()).map((t) => [t.name, new Map(t.columns.map((c) => [c.name, c.dataType.toLowerCase()]))]));
}

async function loadTable(trx: Kysely<any>, table: BackupTable, types: Map<string, string>, stream: Readable): Promise<number> {
  const batchSize = Math.max(1, Math.min(500, Math.floor(10_000 / table.columns.length)));
  const later: Array<{ id: unknown; set: Record<string, unknown> }> = [];
  let batch: Array<Record<string, unknown>> = [];
  let count = 0;
  const flush = async () => {
    if (batch.length) await trx.insertInto(table.name).values(batch).execute();
    batch = [];
  };
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (!line) continue;
    const source = JSON.parse(line) as Record<string, unknown>;
    const row: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(source)) {
      const type = types.get(column);
      if (type === undefined) throw new DomainError(BackupErrors['backup.corrupt'], { entry: table.name, reason: `no column ${column}` });
      row[column] = valueFor(value, type);
    }
    const deferred = table.selfReferences.filter((c) => row[c] != null);
    if (deferred.length) {
      later.push({ id: row.id, set: Object.fromEntries(deferred.map((c) => [c, row[c]])) });
      for (const c of deferred) row[c] = null;
    }
    batch.push(row);
    count++;
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  for (const { id, set } of later) await trx.updateTable(table.name).set(set).where('id', '=', id).execute();
  return count;
}
