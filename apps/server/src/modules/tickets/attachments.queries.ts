import type { Db } from '../../schema.ts';
import { listAttachmentRows, type AttachmentRow } from './attachments.repository.ts';

/**
 * Who reads a ticket's files: the desk (`seesInternal` on the ticket) sees every file; anyone else
 * — a contact, an agent who sees the ticket only as its requester — sees the files of public
 * articles and the files they uploaded themselves. A file an agent uploaded but has not sent in
 * a reply yet (a draft) stays inside the desk.
 */
export interface AttachmentReader {
  seesInternal: boolean;
  userId: number | null;
}

/** Whether the reader may list or download this file (the same rule as listVisibleAttachments). */
export function attachmentVisibleTo(reader: AttachmentReader, row: Pick<AttachmentRow, 'internal' | 'article_id' | 'uploaded_by_user_id'>): boolean {
  if (reader.seesInternal) return true;
  if (row.internal === 1) return false;
  return row.article_id !== null || (reader.userId !== null && row.uploaded_by_user_id === reader.userId);
}

/** One page of the ticket's files the reader may see, oldest first. */
export function listVisibleAttachments(db: Db, input: { ticketId: number; reader: AttachmentReader; afterId?: number | undefined; limit: number }) {
  return listAttachmentRows(db, {
    ticketId: input.ticketId,
    includeInternal: input.reader.seesInternal,
    ...(input.reader.seesInternal ? {} : { customerUserId: input.reader.userId }),
    ...(input.afterId === undefined ? {} : { afterId: input.afterId }),
    limit: input.limit,
  });
}
