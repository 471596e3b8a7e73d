export type { BlobStorage, StagedBlob, StoredBlob } from './types.ts';
export { BlobTooLargeError } from './types.ts';
export { localDiskStorage } from './drivers/local-disk.ts';
