import { actorUserId, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError, forbidden } from '../../../platform/http/errors.ts';
import { touchTicket } from '../articles.repository.ts';
import { insertAttachments, type AttachmentRow } from '../attachments.repository.ts';
import type { StagedUpload } from '../attachments.staging.ts';
import { authorizeLanding, type TimelineCommandContext } from '../ticket-access.ts';
import { TicketErrors } from '../tickets.errors.ts';
import { seesInternal } from '../tickets.policy.ts';

/**
 * Records staged uploads (attachments.staging stageUpload) on the ticket addressed — the ticket
 * it was merged into, if it was: authorises 'attach' there holding it until commit (ticket-access
 * authorizeLanding), refuses no file (400) and internal uploads by anyone but the desk (403),
 * then commits the bytes (content-addressed, so the same file is kept once) and inserts the rows.
 * Returns the rows for the presenter. The caller discards the staged blobs if this throws.
 */
export const uploadAttachments = defineCommand(
  'ticket.upload_attachments',
  async (
    ctx: TimelineCommandContext,
    input: { actor: Actor; ticketId: number; files: readonly StagedUpload[]; internal: boolean },
  ): Promise<{ ticketId: number; attachments: AttachmentRow[] }> => {
    const { actor } = input;
    const trx = ctx.db;
    const access = await authorizeLanding(trx, actor, 'attach', input.ticketId);
    if (input.files.length === 0) throw new DomainError(TicketErrors['attachment.missing_file']);
    if (input.internal && !seesInternal(actor, access)) throw forbidden('internal');
    for (const f of input.files) await f.blob.commit();
    const now = ctx.clock.now();
    const attachments = await insertAttachments(
      trx,
      input.files.map((f) => ({
        ticket_id: access.id,
        filename: f.filename,
        content_type: f.contentType,
        size: f.blob.size,
        sha256: f.blob.sha256,
        internal: input.internal ? 1 : 0,
        uploaded_by_user_id: actorUserId(actor),
        created_at: now,
      })),
    );
    await touchTicket(trx, access.id, now);
    return { ticketId: access.id, attachments };
  },
);
