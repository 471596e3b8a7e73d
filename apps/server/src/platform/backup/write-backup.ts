import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import tar from 'tar-stream';
import { sha256Hex } from '../crypto/index.ts';
import { pausePoint } from '../testing/faults.ts';
import type { BlobStorage } from '../storage/index.ts';
import { blobFile, FORMAT, FORMAT_VERSION, MANIFEST, SECRET_ENTRY, tableFile, type BlobEntry, type Manifest, type TableEntry } from './archive-format.ts';
import { backupTables, type BackupTable } from './tables.ts';

const PAGE = 1000;

export interface BackupInput {
  db: Kysely<any>;
  dialect: string;
  storage: BlobStorage;
  file: string;
  /** PISHKHAN_SECRET to include (`--include-secret`), or undefined. */
  secret?: string;
  progress?: (line: string) => void;
}

/**
 * Writes the archive from one consistent snapshot while the server keeps serving: a read-only
 * REPEATABLE READ transaction on PostgreSQL, a read transaction (one WAL snapshot from its first
 * read) on SQLite. Each table streams page by page into a temp file beside the target (tar needs
 * each entry's size first), then everything is packed; the archive appears under its name only
 * when complete.
 */
export async function writeBackup(input: BackupInput): Promise<Manifest> {
  const progress = input.progress ?? (() => {});
  const work = await mkdtemp(path.join(path.dirname(path.resolve(input.file)), '.pishkhan-backup-'));
  try {
    const { schemaVersion, tables } = await input.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const version = await sql<{ name: string }>`select name from schema_migrations order by name desc limit 1`.execute(trx);
        const entries: TableEntry[] = [];
        const list = await backupTables(trx);
        for (const [index, table] of list.entries()) {
          entries.push(await dumpTable(trx, table, tableFile(index, table.name), work));
          progress(`${String(index + 1).padStart(2)}/${list.length} ${table.name}: ${entries.at(-1)!.rows} rows`);
          if (index === 0) await pausePoint('backup.after_first_table');
        }
        return { schemaVersion: version.rows[0]?.name ?? '', tables: entries };
      });
    // Blobs are immutable and named by content: every one the snapshot references is still stored.
    const blobs: BlobEntry[] = [];
    for await (const blob of input.storage.list()) blobs.push({ sha256: blob.sha256, size: blob.size });
    blobs.sort((a, b) => a.sha256.localeCompare(b.sha256));
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      sourceDialect: input.dialect,
      schemaVersion,
      tables,
      blobs,
      secret: input.secret === undefined ? null : { sha256: sha256Hex(input.secret) },
    };
    const partial = path.join(work, 'archive.tar');
    await pack(partial, work, manifest, input, progress);
    await rename(partial, input.file);
    progress(`Backup written: ${tables.reduce((n, t) => n + t.rows, 0)} rows in ${tables.length} tables, ${blobs.length} files`);
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** One table as NDJSON, read in pages (by id when it has one) so that no table is ever held whole. */
async function dumpTable(db: Kysely<any>, table: BackupTable, file: string, work: string): Promise<TableEntry> {
  const out = createWriteStream(path.join(work, path.basename(file)));
  const hash = createHash('sha256');
  let rows = 0;
  let bytes = 0;
  let lastId: number | null = null;
  for (let offset = 0; ; offset += PAGE) {
    let query = db.selectFrom(table.name).selectAll();
    query = table.hasId
      ? (lastId === null ? query : query.where('id', '>', lastId)).orderBy('id')
      : table.columns.reduce((q, c) => q.orderBy(c), query).offset(offset);
    const page = (await query.limit(PAGE).execute()) as Array<Record<string, unknown>>;
    for (const row of page) {
      const line = Buffer.from(JSON.stringify(row) + '\n', 'utf8');
      hash.update(line);
      bytes += line.length;
      rows++;
      if (!out.write(line)) await once(out, 'drain');
    }
    if (page.length < PAGE) break;
    lastId = Number(page.at(-1)!.id);
  }
  out.end();
  await once(out, 'finish');
  return { name: table.name, file, rows, bytes, sha256: hash.digest('hex') };
}

async function pack(target: string, work: string, manifest: Manifest, input: BackupInput, progress: (line: string) => void): Promise<void> {
  const archive = tar.pack();
  const written = pipeline(archive, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  const add = async (name: string, size: number, source: Readable | Buffer) => {
    if (Buffer.isBuffer(source)) {
      await new Promise<void>((resolve, reject) => archive.entry({ name, size, mode: 0o600 }, source, (e) => (e ? reject(e) : resolve())));
      return;
    }
    const entry = archive.entry({ name, size, mode: 0o600 });
    await pipeline(source, entry);
  };
  for (const table of manifest.tables) {
    const file = path.join(work, path.basename(table.file));
    await add(table.file, (await stat(file)).size, createReadStream(file));
  }
  for (const [i, blob] of manifest.blobs.entries()) {
    await add(blobFile(blob.sha256), blob.size, await input.storage.get(blob.sha256));
    if ((i + 1) % 100 === 0 || i + 1 === manifest.blobs.length) progress(`files: ${i + 1}/${manifest.blobs.length}`);
  }
  if (input.secret !== undefined) await add(SECRET_ENTRY, Buffer.byteLength(input.secret), Buffer.from(input.secret, 'utf8'));
  const text = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
  await add(MANIFEST, text.length, text);
  archive.finalize();
  await written;
}
