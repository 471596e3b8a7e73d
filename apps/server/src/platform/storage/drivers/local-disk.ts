import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobTooLargeError, type BlobStorage, type StagedBlob, type StoredBlob } from '../types.ts';

const SHA256 = /^[0-9a-f]{64}$/;

/** Content-addressed files under <dir>/ab/cd/<sha256>; written to a temp file, then renamed into place. */
export function localDiskStorage(dir: string): BlobStorage {
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
  };
}

async function fileExists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
