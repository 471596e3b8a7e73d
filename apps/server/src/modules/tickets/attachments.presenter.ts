import type { Attachment } from '@pishkhan/contracts';
import type { AttachmentRow } from './attachments.repository.ts';

/** Row → API attachment (the sha256 address stays inside the server). */
export function presentAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    articleId: row.article_id,
    filename: row.filename,
    contentType: row.content_type,
    size: row.size,
    internal: row.internal === 1,
    uploadedByUserId: row.uploaded_by_user_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
