import { Type } from 'typebox';
import { AttachmentListQuery, AttachmentsUploaded, Attachment, ErrorEnvelope, IdParams, Page } from '@pishkhan/contracts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/server.ts';
import { registerUploadRoutes } from '../../platform/http/uploads.ts';
import { ticketSettings } from './tickets.settings.ts';
import { uploadAttachments } from './commands/upload-attachment.ts';
import { stageUpload, type StagedUpload } from './attachments.staging.ts';
import { idCursor } from './articles.queries.ts';
import { contentDisposition, DOWNLOAD_CSP } from './attachments.content-type.ts';
import { presentAttachment } from './attachments.presenter.ts';
import { loadAttachmentRow } from './attachments.repository.ts';
import { attachmentVisibleTo, listVisibleAttachments } from './attachments.queries.ts';
import { authorizeLanding, authorizeTicket } from './ticket-access.ts';
import { seesInternal, ticketPolicy } from './tickets.policy.ts';
import { loadTicketAccess } from './tickets.repository.ts';
import { pageOf } from '../../platform/http/cursor.ts';
import { requireUser } from '../../platform/policy/index.ts';

const tags = ['tickets'];
const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };

/** Upload (multipart), list, and download attachments with headers that keep downloads inert. */
export function registerAttachmentRoutes(app: App, ctx: AppContext): void {
  // The one route that reads multipart, in the scope that parses it (platform/http/uploads.ts).
  registerUploadRoutes(app, (uploads) => {
    uploads.post(
      '/api/v1/tickets/:id/attachments',
      {
        schema: {
          tags,
          summary:
            'Upload one or more files (multipart/form-data; field internal=true for desk-only files). A merged ticket sends them to the surviving one.',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: AttachmentsUploaded, ...errors, 409: ErrorEnvelope, 413: ErrorEnvelope, 415: ErrorEnvelope },
        },
      },
      async (request, reply) => {
        // Refused before a byte is streamed: whoever may not attach here never makes the server take
        // in a file. The command authorises again, under the ticket's lock, before anything is kept.
        await authorizeLanding(ctx.db, request.actor, 'attach', request.params.id);
        const maxBytes = await ticketSettings.get(ctx.db, 'attachments.max_bytes');
        const files: StagedUpload[] = [];
        let internal = false;
        try {
          for await (const part of request.parts()) {
            if (part.type === 'file') {
              files.push(await stageUpload(ctx.storage, part.file, { maxBytes, filename: part.filename, declaredType: part.mimetype }));
            } else if (part.fieldname === 'internal') {
              internal = String(part.value).trim().toLowerCase() === 'true';
            }
          }
          const { ticketId, attachments } = await uploadAttachments(ctx, { actor: request.actor, ticketId: request.params.id, files, internal });
          return reply.status(201).send({ ticketId, items: attachments.map(presentAttachment) });
        } catch (error) {
          await Promise.all(files.map((f) => f.blob.discard()));
          throw error;
        }
      },
    );
  });

  app.get(
    '/api/v1/tickets/:id/attachments',
    {
      schema: {
        tags,
        summary: "A ticket's attachments, oldest first (outside the desk: files of public replies and the reader's own uploads only)",
        params: IdParams,
        querystring: AttachmentListQuery,
        response: { 200: Page(Attachment), ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const access = await authorizeTicket(ctx.db, actor, 'read', request.params.id);
      const limit = request.query.limit ?? 50;
      const afterId = idCursor(request.query.cursor);
      const rows = await listVisibleAttachments(ctx.db, { ticketId: access.id, reader: { seesInternal: seesInternal(actor, access), userId: actor.userId }, afterId, limit: limit + 1 });
      const page = pageOf(rows, limit, (r) => [r.id]);
      return { items: page.items.map(presentAttachment), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/attachments/:id/content',
    {
      schema: {
        tags,
        summary: 'Download an attachment (always as a download: Content-Disposition attachment, nosniff, sandboxing CSP)',
        params: IdParams,
        response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary' }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      const row = await loadAttachmentRow(ctx.db, request.params.id);
      const access = row ? await loadTicketAccess(ctx.db, row.ticket_id) : undefined;
      // An attachment the reader may not have is indistinguishable from one that does not exist.
      if (!row || !access || !ticketPolicy.can(actor, 'read', access) || !attachmentVisibleTo({ seesInternal: seesInternal(actor, access), userId: actor.userId }, row)) {
        throw notFound('attachment');
      }
      const body = await ctx.storage.get(row.sha256);
      return reply
        .status(200)
        .header('content-type', row.content_type)
        .header('content-length', String(row.size))
        .header('content-disposition', contentDisposition(row.filename))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', DOWNLOAD_CSP)
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );
}
