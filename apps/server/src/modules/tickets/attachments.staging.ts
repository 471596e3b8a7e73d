import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from './load-file-type.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { BlobTooLargeError, type BlobStorage, type StagedBlob } from '../../platform/storage/index.ts';
import { decideContentType } from './attachments.content-type.ts';
import { TicketErrors } from './tickets.errors.ts';
import { invalidInput } from '../../platform/http/input-issues.ts';

/** Staging an upload before the command records it: streaming it into storage under a size limit, and deciding its type. */

/** How much of the start of a file is kept for sniffing its type. */
const SNIFF_BYTES = 64 * 1024;
const MAX_FILENAME = 255;

export interface StagedUpload {
  blob: StagedBlob;
  filename: string;
  contentType: string;
}

/**
 * Streams one uploaded file into storage (staged, not yet committed), refusing it past `maxBytes`
 * with 413 attachment.too_large (nothing kept), and decides its stored type from its first bytes.
 */
export async function stageUpload(
  storage: BlobStorage,
  source: Readable,
  input: { maxBytes: number; filename: string | undefined; declaredType: string | undefined },
): Promise<StagedUpload> {
  const filename = input.filename && input.filename.length > 0 ? input.filename : 'attachment';
  if ([...filename].length > MAX_FILENAME) {
    source.resume();
    throw invalidInput('filename', 'maxLength', { limit: MAX_FILENAME });
  }
  const head: Buffer[] = [];
  let headLength = 0;
  async function* tap() {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (headLength < SNIFF_BYTES) {
        const part = chunk.subarray(0, SNIFF_BYTES - headLength);
        head.push(part);
        headLength += part.length;
      }
      yield chunk;
    }
  }
  let blob: StagedBlob;
  try {
    blob = await storage.stage(Readable.from(tap()), input.maxBytes);
  } catch (error) {
    if (error instanceof BlobTooLargeError) throw new DomainError(TicketErrors['attachment.too_large'], { limit: input.maxBytes });
    throw error;
  }
  const sample = Buffer.concat(head);
  let sniffed: string | undefined;
  try {
    sniffed = (await fileTypeFromBuffer(sample))?.mime;
  } catch {
    sniffed = undefined;
  }
  return { blob, filename, contentType: decideContentType({ sniffed, declared: input.declaredType, head: sample }) };
}

