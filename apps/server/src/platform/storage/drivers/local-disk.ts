import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobTooLargeError, type BlobStorage, type StoredBlob } from '../types.ts';

const SHA256 = /^[0-9a-f]{64}$/;

/** Content-addressed files under <dir>/ab/cd/<sha256>; written to a temp file, then renamed into place. */
export function localDiskStorage(dir: string): BlobStorage {
  const pathOf = (sha: string) => {
    if (!SHA256.test(sha)) throw new Error('Invalid blob address');
    return path.join(dir, sha.slice(0, 2), sha.slice(2, 4), sha);
  };
  return {
    async put(source: Readable, maxBytes: number): Promise<StoredBlob> {
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
        const sha256 = hash.digest('hex');
        const target = pathOf(sha256);
        await mkdir(path.dirname(target), { recursive: true });
        await rename(tmp, target);
        return { sha256, size };
      } catch (error) {
        await rm(tmp, { force: true });
        throw error;
      }
    },
    async get(sha256: string): Promise<Readable> {
      return createReadStream(pathOf(sha256));
    },
    async exists(sha256: string): Promise<boolean> {
      try {
        await access(pathOf(sha256));
        return true;
      } catch {
        return false;
      }
    },
  };
}
