export type { BlobStorage, ListedBlob, StagedBlob, StoredBlob } from './types.ts';
export { BlobTooLargeError } from './types.ts';
export { localDiskStorage, type LocalDiskOptions } from './drivers/local-disk.ts';
