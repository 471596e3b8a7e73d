import type { Readable } from 'node:stream';

export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Bytes received and hashed but not yet stored: `commit` moves them into place (idempotent per
 * content), `discard` forgets them. Lets a request with several files store all or none.
 */
export interface StagedBlob extends StoredBlob {
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Where attachment bytes live, addressed by their SHA-256 (the same file stored twice is kept once).
 * The local-disk driver keeps them under the data dir; an S3-compatible driver can come later.
 */
export interface BlobStorage {
  /** Streams the bytes in; refuses (throws BlobTooLargeError) past maxBytes without keeping anything. */
  put(source: Readable, maxBytes: number): Promise<StoredBlob>;
  /** Like put, but keeps the bytes aside until commit (or discard); past maxBytes nothing is kept. */
  stage(source: Readable, maxBytes: number): Promise<StagedBlob>;
  get(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
  /**
   * Every stored blob with the time it was last stored (a second store of the same content renews
   * it), in no particular order; for the orphan sweep, which compares it with a grace period.
   */
  list(): AsyncIterable<ListedBlob>;
  /**
   * Removes a blob only if it was last stored before `before`; false when it is gone or was stored
   * again since (an upload of the same content in flight keeps it).
   */
  removeIfStoredBefore(sha256: string, before: number): Promise<boolean>;
}

/** A blob in storage and when it was last stored (epoch ms). */
export interface ListedBlob {
  sha256: string;
  storedAt: number;
  /** Its length in bytes. */
  size: number;
}

export class BlobTooLargeError extends Error {
  override name = 'BlobTooLargeError';
}
