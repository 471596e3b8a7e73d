import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Writable, type Readable } from 'node:stream';
import tar from 'tar-stream';
import { DomainError } from '../http/errors.ts';
import { BackupErrors } from './backup.errors.ts';
import { blobFile, FORMAT, FORMAT_VERSION, MANIFEST, SECRET_ENTRY, type Manifest } from './archive-format.ts';

const TABLE_NAME = /^[a-z][a-z0-9_]*$/;
const MANIFEST_LIMIT = 64 * 1024 * 1024;

export interface ArchiveEntry {
  name: string;
  size: number;
  stream: Readable;
}

/** Calls `each` for every entry of the tar in order; an entry not read to its end is skipped. */
export async function readArchive(file: string, each: (entry: ArchiveEntry) => Promise<void>): Promise<void> {
  const extract = tar.extract();
  const source = createReadStream(file);
  const fed = pipeline(source, extract).catch((error: unknown) => {
    throw unreadable(error);
  });
  try {
    for await (const entry of extract) {
      await each({ name: entry.header.name, size: entry.header.size ?? 0, stream: entry as unknown as Readable });
      entry.resume();
    }
  } catch (error) {
    source.destroy();
    await fed.catch(() => {});
    throw error instanceof DomainError ? error : unreadable(error);
  }
  await fed;
}

const unreadable = (error: unknown) =>
  error instanceof DomainError ? error : new DomainError(BackupErrors['backup.unreadable'], { reason: error instanceof Error ? error.message : String(error) });
const corrupt = (entry: string, reason: string) => new DomainError(BackupErrors['backup.corrupt'], { entry, reason });

/**
 * The first of restore's two passes: hashes every entry and checks it against the manifest
 * (which comes last) before anything is written, so a damaged or altered archive changes nothing.
 */
export async function verifyArchive(file: string): Promise<Manifest> {
  const seen = new Map<string, { sha256: string; bytes: number; lines: number }>();
  let manifestText: string | null = null;
  await readArchive(file, async (entry) => {
    if (seen.has(entry.name) || (entry.name === MANIFEST && manifestText !== null)) throw corrupt(entry.name, 'entry appears twice');
    if (entry.name === MANIFEST) {
      if (entry.size > MANIFEST_LIMIT) throw corrupt(MANIFEST, 'too large');
      const parts: Buffer[] = [];
      for await (const chunk of entry.stream) parts.push(chunk as Buffer);
      manifestText = Buffer.concat(parts).toString('utf8');
      return;
    }
    const hash = createHash('sha256');
    let bytes = 0;
    let lines = 0;
    await pipeline(
      entry.stream,
      new Writable({
        write(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          bytes += chunk.length;
          for (const byte of chunk) if (byte === 10) lines++;
          done();
        },
      }),
    );
    seen.set(entry.name, { sha256: hash.digest('hex'), bytes, lines });
  });
  if (manifestText === null) throw new DomainError(BackupErrors['backup.no_manifest']);
  const manifest = parseManifest(manifestText);
  const expected = new Set<string>();
  const check = (name: string, sha256: string, bytes: number, lines?: number) => {
    const got = seen.get(name);
    if (!got) throw corrupt(name, 'missing');
    if (got.sha256 !== sha256 || got.bytes !== bytes) throw corrupt(name, 'checksum mismatch');
    if (lines !== undefined && got.lines !== lines) throw corrupt(name, 'row count mismatch');
    expected.add(name);
  };
  for (const table of manifest.tables) {
    if (!TABLE_NAME.test(table.name)) throw corrupt(MANIFEST, `bad table name ${JSON.stringify(table.name)}`);
    check(table.file, table.sha256, table.bytes, table.rows);
  }
  for (const blob of manifest.blobs) check(blobFile(blob.sha256), blob.sha256, blob.size);
  const secret = manifest.secret;
  if (secret) {
    const got = seen.get(SECRET_ENTRY);
    if (!got || got.sha256 !== secret.sha256) throw corrupt(SECRET_ENTRY, got ? 'checksum mismatch' : 'missing');
    expected.add(SECRET_ENTRY);
  }
  const extra = [...seen.keys()].find((name) => !expected.has(name));
  if (extra) throw corrupt(extra, 'not in the manifest');
  return manifest;
}

function parseManifest(text: string): Manifest {
  let value: Manifest;
  try {
    value = JSON.parse(text) as Manifest;
  } catch {
    throw corrupt(MANIFEST, 'not JSON');
  }
  const ok =
    value?.format === FORMAT &&
    typeof value.schemaVersion === 'string' &&
    Array.isArray(value.tables) &&
    Array.isArray(value.blobs) &&
    value.tables.every((t) => typeof t?.name === 'string' && typeof t.file === 'string' && Number.isInteger(t.rows) && Number.isInteger(t.bytes) && typeof t.sha256 === 'string') &&
    value.blobs.every((b) => typeof b?.sha256 === 'string' && /^[0-9a-f]{64}$/.test(b.sha256) && Number.isInteger(b.size));
  if (!ok) throw corrupt(MANIFEST, 'not a Pishkhan backup manifest');
  if (value.formatVersion !== FORMAT_VERSION) throw corrupt(MANIFEST, `format version ${String(value.formatVersion)} is not ${FORMAT_VERSION}`);
  return value;
}
