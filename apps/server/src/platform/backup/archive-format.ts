/**
 * The backup archive (ADR 0022): one tar, the same from either dialect.
 *   tables/NN-<table>.ndjson   one JSON object per row, tables in dependency order
 *   blobs/<sha256>             attachment bytes, named by their content hash
 *   secret                     PISHKHAN_SECRET, only with --include-secret
 *   manifest.json              last: format, schema version, per-entry counts and SHA-256
 */
export const FORMAT = 'pishkhan-backup';
export const FORMAT_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const SECRET_ENTRY = 'secret';

export interface TableEntry {
  name: string;
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface BlobEntry {
  sha256: string;
  size: number;
}

export interface Manifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  sourceDialect: string;
  /** The last migration applied to the backed-up database. */
  schemaVersion: string;
  tables: TableEntry[];
  blobs: BlobEntry[];
  /** The secret entry's hash when the archive holds the secret. */
  secret: { sha256: string } | null;
}

export const tableFile = (index: number, name: string) => `tables/${String(index + 1).padStart(2, '0')}-${name}.ndjson`;
export const blobFile = (sha256: string) => `blobs/${sha256}`;
