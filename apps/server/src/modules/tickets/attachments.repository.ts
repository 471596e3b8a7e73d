import type { Db } from '../../schema.ts';

export interface NewAttachment {
  ticket_id: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  internal: 0 | 1;
  uploaded_by_user_id: number | null;
  created_at: number;
}

/** Inserts uploads (not yet on an article) and returns their rows in id order. */
export async function insertAttachments(db: Db, rows: readonly NewAttachment[]): Promise<AttachmentRow[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('attachments')
    .values(rows.map((r) => ({ ...r, article_id: null })))
    .returningAll()
    .execute();
  return inserted.sort((a, b) => a.id - b.id);
}

export type AttachmentRow = NonNullable<Awaited<ReturnType<typeof loadAttachmentRow>>>;

export function loadAttachmentRow(db: Db, id: number) {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * One page of a ticket's attachments, oldest first; internal ones only for the desk. With
 * `customerUserId` (a reader outside the desk), only files of articles and that user's own uploads.
 */
export function listAttachmentRows(db: Db, input: { ticketId: number; includeInternal: boolean; customerUserId?: number | null; afterId?: number; limit: number }) {
  let q = db.selectFrom('attachments').selectAll().where('ticket_id', '=', input.ticketId);
  if (!input.includeInternal) q = q.where('internal', '=', 0);
  const customer = input.customerUserId;
  if (customer !== undefined) {
    q = q.where((eb) => (customer === null ? eb('article_id', 'is not', null) : eb.or([eb('article_id', 'is not', null), eb('uploaded_by_user_id', '=', customer)])));
  }
  if (input.afterId !== undefined) q = q.where('id', '>', input.afterId);
  return q.orderBy('id', 'asc').limit(input.limit).execute();
}

/** The sha256s among `shas` that some committed attachment row references (one query per batch; the orphan sweep). */
export async function referencedBlobs(db: Db, shas: readonly string[]): Promise<Set<string>> {
  if (shas.length === 0) return new Set();
  const rows = await db.selectFrom('attachments').select('sha256').distinct().where('sha256', 'in', [...shas]).execute();
  return new Set(rows.map((r) => r.sha256));
}
