import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Clock } from '../../clock/index.ts';
import { BlobTooLargeError, type BlobStorage, type ListedBlob, type StagedBlob, type StoredBlob } from '../types.ts';

const SHA256 = /^[0-9a-f]{64}$/;
const HEX2 = /^[0-9a-f]{2}$/;

export interface LocalDiskOptions {
  /** Stamps each stored blob's time (its mtime) so that ages follow the app's clock; default the system time. */
  clock?: Clock;
}

/**
 * Content-addressed files under <dir>/ab/cd/<sha256>; written to a temp file, then renamed into
 * place. A blob's mtime is when it was last stored: committing content that is already there
 * renews it, so the orphan sweep's grace period counts from the latest upload.
 */
export function localDiskStorage(dir: string, options: LocalDiskOptions = {}): BlobStorage {
  const nowMs = () => options.clock?.now() ?? Date.now();
  const pathOf = (sha: string) => {
    if (!SHA256.test(sha)) throw new Error('Invalid blob address');
    return path.join(dir, sha.slice(0, 2), sha.slice(2, 4), sha);
  };

  async function stage(source: Readable, maxBytes: number): Promise<StagedBlob> {
    await mkdir(path.join(dir, 'tmp'), { recursive: true });
    const tmp = path.join(dir, 'tmp', randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new BlobTooLargeError(`Larger than ${maxBytes} bytes`));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx' }));
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    let settled = false;
    return {
      sha256,
      size,
      async commit() {
        if (settled) return;
        settled = true;
        const target = pathOf(sha256);
        await mkdir(path.dirname(target), { recursive: true });
        // Same content already stored: the bytes are identical, keep one copy.
        if (await fileExists(target)) await rm(tmp, { force: true });
        else await rename(tmp, target);
        const at = new Date(nowMs());
        await utimes(target, at, at);
      },
      async discard() {
        if (settled) return;
        settled = true;
        await rm(tmp, { force: true });
      },
    };
  }

  return {
    stage,
    async put(source: Readable, maxBytes: number): Promise<StoredBlob> {
      const staged = await stage(source, maxBytes);
      await staged.commit();
      return { sha256: staged.sha256, size: staged.size };
    },
    async get(sha256: string): Promise<Readable> {
      return createReadStream(pathOf(sha256));
    },
    exists: (sha256: string) => fileExists(pathOf(sha256)),
    list: () => listBlobs(dir),
    async removeIfStoredBefore(sha256: string, before: number): Promise<boolean> {
      const file = pathOf(sha256);
      const info = await stat(file).catch(() => null);
      if (!info || info.mtimeMs >= before) return false;
      await rm(file, { force: true });
      return true;
    },
  };
}

/** Walks <dir>/ab/cd/<sha256> (the staging dir `tmp` is not a blob); a missing dir lists nothing. */
async function* listBlobs(dir: string): AsyncIterable<ListedBlob> {
  for (const a of await subdirs(dir)) {
    for (const b of await subdirs(path.join(dir, a))) {
      const here = path.join(dir, a, b);
      for (const name of await readdir(here).catch(() => [] as string[])) {
        if (!SHA256.test(name) || !name.startsWith(a + b)) continue;
        const info = await stat(path.join(here, name)).catch(() => null);
        if (info?.isFile()) yield { sha256: name, storedAt: info.mtimeMs, size: info.size };
      }
    }
  }
}

async function subdirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && HEX2.test(e.name)).map((e) => e.name);
}

async function fileExists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
