import { ErrorEnvelope, HeldMail, HeldMailDetail, HeldMailListQuery, IdParams, InboundMails, Page } from '@pishkhan/contracts';
import { Type } from 'typebox';
import type { AppContext } from '../../../context.ts';
import { decodeCursor, pageOf } from '../../../platform/http/cursor.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { invalidInput } from '../../../platform/http/input-issues.ts';
import type { App } from '../../../platform/http/server.ts';
import { authorize, requireUser } from '../../../platform/policy/index.ts';
import { contentDisposition, DOWNLOAD_CSP, loadTicketAccess, ticketPolicy } from '../../tickets/index.ts';
import { acceptHeldMail } from '../commands/accept-held-mail.ts';
import { rejectHeldMail } from '../commands/reject-held-mail.ts';
import { assertHeldMailReviewer, mayReviewHeldMail } from './held-mail.policy.ts';
import { presentHeldMail, presentHeldMailDetail, presentInboundMail } from './inbound-mail.presenter.ts';
import { findMessage, inboundOfTicket, listMessagesInState } from './messages.repository.ts';

const tags = ['email'];
const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };

/** Mail in's routes: the held-mail review (admins, supervisors), a ticket's inbound mail with its HTML, and the raw message download (the desk). */
export function registerInboundRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/admin/email/held',
    { schema: { tags, summary: 'Mail from unknown senders held for review (admins, supervisors), oldest first', querystring: HeldMailListQuery, response: { 200: Page(HeldMail), ...errors } } },
    async (request) => {
      assertHeldMailReviewer(request.actor);
      const limit = request.query.limit ?? 50;
      const decoded = decodeCursor(request.query.cursor, 1);
      const afterId = decoded?.[0];
      if (decoded !== undefined && (typeof afterId !== 'number' || afterId < 0)) throw invalidInput('cursor', 'cursor');
      const page = pageOf(await listMessagesInState(ctx.db, 'held', { afterId: afterId as number | undefined, limit }), limit, (r) => [r.id]);
      return { items: page.items.map(presentHeldMail), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/admin/email/held/:id',
    { schema: { tags, summary: 'One held (or already reviewed) inbound message, its body as text', params: IdParams, response: { 200: HeldMailDetail, ...errors } } },
    async (request) => {
      assertHeldMailReviewer(request.actor);
      const row = await findMessage(ctx.db, request.params.id);
      if (!row) throw notFound('email');
      return presentHeldMailDetail(row);
    },
  );

  app.post(
    '/api/v1/admin/email/held/:id/accept',
    { schema: { tags, summary: 'Accept a held message: its sender becomes a contact and the mail a ticket (or its reply)', params: IdParams, response: { 200: HeldMailDetail, ...errors, 409: ErrorEnvelope } } },
    async (request) => presentHeldMailDetail(await acceptHeldMail(ctx, { actor: request.actor, id: request.params.id })),
  );

  app.post(
    '/api/v1/admin/email/held/:id/reject',
    { schema: { tags, summary: 'Reject a held message (kept, with its raw bytes; no contact, no ticket)', params: IdParams, response: { 200: HeldMailDetail, ...errors, 409: ErrorEnvelope } } },
    async (request) => presentHeldMailDetail(await rejectHeldMail(ctx, { actor: request.actor, id: request.params.id })),
  );

  app.get(
    '/api/v1/tickets/:id/email/inbound',
    { schema: { tags, summary: "A ticket's inbound mail: sanitised HTML with inline images, folded history, raw download (the desk)", params: IdParams, response: { 200: InboundMails, ...errors } } },
    async (request) => {
      const access = authorize(ticketPolicy, requireUser(request.actor), 'note', await loadTicketAccess(ctx.db, request.params.id));
      return { items: (await inboundOfTicket(ctx.db, access.id)).map(presentInboundMail) };
    },
  );

  app.get(
    '/api/v1/email/inbound/:id/raw',
    {
      schema: {
        tags,
        summary: 'Download an inbound message as it came (message/rfc822): the desk, on tickets it works; reviewers for mail without a ticket',
        params: IdParams,
        response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary' }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      const row = await findMessage(ctx.db, request.params.id);
      if (!row) throw notFound('email');
      if (row.ticket_id !== null) authorize(ticketPolicy, actor, 'note', await loadTicketAccess(ctx.db, row.ticket_id));
      else if (!mayReviewHeldMail(actor)) throw notFound('email');
      if (!(await ctx.storage.exists(row.raw_sha256))) throw notFound('email');
      return reply
        .status(200)
        .header('content-type', 'message/rfc822')
        .header('content-length', String(row.raw_size))
        .header('content-disposition', contentDisposition(`message-${row.id}.eml`))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', DOWNLOAD_CSP)
        .header('cache-control', 'private, no-store')
        .send(await ctx.storage.get(row.raw_sha256));
    },
  );
}
