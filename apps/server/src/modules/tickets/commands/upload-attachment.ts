import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import type { UserActor } from '../../../platform/actor.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { transaction } from '../../../platform/db/index.ts';
import { CommonErrors, DomainError, forbidden } from '../../../platform/http/errors.ts';
import { BlobTooLargeError, type BlobStorage, type StagedBlob } from '../../../platform/storage/index.ts';
import type { Db } from '../../../schema.ts';
import { touchTicket } from '../articles.repository.ts';
import { decideContentType } from '../attachments.content-type.ts';
import { insertAttachments } from '../attachments.repository.ts';
import { writesAsAgent, type LandingAccess } from '../ticket-access.ts';
import { TicketErrors } from '../tickets.errors.ts';
import { seesInternal } from '../tickets.policy.ts';
import { lockLanding } from '../article-landing.ts';

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
    throw new DomainError(CommonErrors['request.invalid'], { summary: `filename is longer than ${MAX_FILENAME} characters`, field: 'filename' });
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

/**
 * Records staged uploads on the (landing) ticket: commits their bytes (content-addressed, so the
 * same file is kept once), then inserts the rows in one transaction. `internal` uploads are the
 * desk's only (403 otherwise). The caller has authorised 'attach' and discards the staged blobs
 * if this throws.
 */
export async function uploadAttachments(
  deps: { db: Db; clock: Clock },
  input: { actor: UserActor; access: LandingAccess; files: readonly StagedUpload[]; internal: boolean },
): Promise<{ ticketId: number; ids: number[] }> {
  const { actor, access } = input;
  if (input.files.length === 0) throw new DomainError(TicketErrors['attachment.missing_file']);
  if (input.internal && !seesInternal(actor, access)) throw forbidden('internal');
  const asAgent = writesAsAgent(actor, access);
  for (const f of input.files) await f.blob.commit();
  return transaction(deps.db, async (trx) => {
    const ticket = await lockLanding(trx, access, asAgent);
    const now = deps.clock.now();
    const ids = await insertAttachments(
      trx,
      input.files.map((f) => ({
        ticket_id: ticket.id,
        filename: f.filename,
        content_type: f.contentType,
        size: f.blob.size,
        sha256: f.blob.sha256,
        internal: input.internal ? 1 : 0,
        uploaded_by_user_id: actor.userId,
        created_at: now,
      })),
    );
    await touchTicket(trx, ticket.id, now);
    return { ticketId: ticket.id, ids };
  });
}
