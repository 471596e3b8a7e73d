import type * as FileType from 'file-type';

/** file-type's sniffer, read with the first upload (ADR 0037), not at start. */
export const fileTypeFromBuffer: typeof FileType.fileTypeFromBuffer = async (...args) => (await import('file-type')).fileTypeFromBuffer(...args);
