import {
  DefaultRelayChange,
  EmailReplyBody,
  EmailReplyCreated,
  ErrorEnvelope,
  GroupSignature,
  GroupSignatureChange,
  IdParams,
  MailboxNotificationsChange,
  MailboxNotifications,
  OutboundMessage,
  OutboundMessages,
  OutboundOverview,
  ThirdPartyMessageBody,
} from '@pishkhan/contracts';
import { Type } from 'typebox';
import type { AppContext } from '../../../context.ts';
import type { App } from '../../../platform/http/server.ts';
import { messageThirdParty } from '../commands/message-third-party.ts';
import { retryOutboundMail } from '../commands/retry-outbound-mail.ts';
import { sendEmailReply } from '../commands/send-email-reply.ts';
import { setDefaultRelay } from '../commands/set-default-relay.ts';
import { setGroupSignature } from '../commands/set-group-signature.ts';
import { setMailboxNotifications } from '../commands/set-mailbox-notifications.ts';
import { NOTIFICATION_KINDS } from '@pishkhan/contracts';
import { mailboxSwitches } from './outbound.repository.ts';
import { presentOutbound } from './outbound.presenter.ts';
import { outboundOverview, ticketMail } from './outbound.queries.ts';

const tags = ['email'];
const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };
const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) });

/** Mail out's routes: replies by mail with recipients, third-party messages, a ticket's mail and retry, and the admin's relay, signatures and switches. */
export function registerOutboundRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/v1/tickets/:id/email/replies',
    {
      schema: {
        tags,
        summary: 'A public reply sent by mail (To/Cc/Bcc editable; default reply-all)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: EmailReplyBody,
        response: { 201: EmailReplyCreated, ...errors, 409: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const { body, attachmentIds, to, cc, bcc } = request.body;
      const result = await sendEmailReply(ctx, {
        actor: request.actor,
        ticketId: request.params.id,
        body,
        attachmentIds,
        ...(to ? { to } : {}),
        ...(cc ? { cc } : {}),
        ...(bcc ? { bcc } : {}),
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.status(201).send({ ...result, message: presentOutbound(result.message!) });
    },
  );

  app.post(
    '/api/v1/tickets/:id/email/third-party',
    {
      schema: {
        tags,
        summary: 'Message a third party from the ticket (kept as an internal note; the answer threads back as one)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ThirdPartyMessageBody,
        response: { 201: EmailReplyCreated, ...errors, 409: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const result = await messageThirdParty(ctx, { actor: request.actor, ticketId: request.params.id, ...request.body, idempotencyKey: request.headers['idempotency-key'] });
      return reply.status(201).send({ ...result, message: presentOutbound(result.message!) });
    },
  );

  app.get(
    '/api/v1/tickets/:id/email/messages',
    { schema: { tags, summary: "A ticket's outgoing mail with status and the reason of a failure (the desk)", params: IdParams, response: { 200: OutboundMessages, ...errors } } },
    async (request) => ticketMail(ctx.db, request.actor, request.params.id),
  );

  app.post(
    '/api/v1/email/messages/:id/retry',
    { schema: { tags, summary: 'Send a failed or held mail again', params: IdParams, response: { 200: OutboundMessage, ...errors, 409: ErrorEnvelope } } },
    async (request) => presentOutbound(await retryOutboundMail(ctx, { actor: request.actor, id: request.params.id })),
  );

  app.get(
    '/api/v1/admin/email/outbound',
    { schema: { tags, summary: 'Why mail does or does not leave: relays, held and failed mail (admins)', response: { 200: OutboundOverview, ...errors } } },
    async (request) => outboundOverview(ctx.db, request.actor, request.language),
  );

  app.put(
    '/api/v1/admin/email/default-relay',
    { schema: { tags, summary: 'Set or clear the default relay (admins; the password is write-only)', body: DefaultRelayChange, response: { 200: OutboundOverview, ...errors } } },
    async (request) => {
      await setDefaultRelay(ctx, { actor: request.actor, relay: request.body.relay });
      return outboundOverview(ctx.db, request.actor, request.language);
    },
  );

  app.put(
    '/api/v1/admin/email/signatures/:id',
    { schema: { tags, summary: "A group's mail signature in fa and en (admins; :id is the group)", params: IdParams, body: GroupSignatureChange, response: { 200: GroupSignature, ...errors } } },
    async (request) => setGroupSignature(ctx, { actor: request.actor, groupId: request.params.id, ...request.body }),
  );

  app.put(
    '/api/v1/admin/mailboxes/:id/notifications',
    {
      schema: { tags, summary: 'Which notification kinds a mailbox sends (admins)', params: IdParams, body: MailboxNotificationsChange, response: { 200: MailboxNotifications, ...errors } },
    },
    async (request) => {
      await setMailboxNotifications(ctx, { actor: request.actor, mailboxId: request.params.id, items: request.body.items });
      const off = new Set((await mailboxSwitches(ctx.db, request.params.id)).filter((s) => s.enabled === 0).map((s) => s.kind));
      return { mailboxId: request.params.id, items: NOTIFICATION_KINDS.map((kind) => ({ kind, enabled: !off.has(kind) })) };
    },
  );
}
