import { buffer } from 'node:stream/consumers';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError, notFound } from '../../../platform/http/errors.ts';
import type { AppContext } from '../../../context.ts';
import type { IngestContext } from './ingest-message.ts';
import { emailSettings } from '../email.settings.ts';
import { assertHeldMailReviewer } from '../inbound/held-mail.policy.ts';
import { InboundErrors } from '../inbound/inbound.errors.ts';
import { landMail, writerOf } from '../inbound/land-mail.ts';
import { contactOfAddress, newContactFor } from '../inbound/landing.ts';
import { findMessage, findMessageForUpdate, setMessageOutcome, type EmailMessageRow } from '../inbound/messages.repository.ts';
import { discardPrepared, prepareMail, type PreparedMail } from '../inbound/prepared-mail.ts';

export type ReviewContext = IngestContext & Pick<AppContext, 'storage'>;

/**
 * Accepts a held message as a ticket (or as the reply it is to a ticket its sender may see):
 * the unknown sender becomes a contact and the mail lands as ingest would have landed it, from
 * the raw message kept since it arrived (parsed again in prepare, outside the transaction).
 * Admins and supervisors only (403); unknown id 404; decided already 409 email.not_held.
 */
export const acceptHeldMail = defineCommand(
  'email.accept_held',
  async (ctx: ReviewContext, input: { actor: Actor; id: number }, mail: PreparedMail): Promise<EmailMessageRow> => {
    try {
      assertHeldMailReviewer(input.actor);
      const row = await findMessageForUpdate(ctx.db, input.id);
      if (!row) throw notFound('email');
      if (row.state !== 'held') throw new DomainError(InboundErrors['email.not_held']);
      const writer = (await writerOf(ctx, mail.parsed))!;
      const contactId = writer.agent && !writer.forwarded ? null : ((await contactOfAddress(ctx.db, writer.requester.address)) ?? (await newContactFor(ctx, writer.requester)));
      const flags = new Set<string>([...(JSON.parse(row.flags) as string[]), 'accepted_on_review']);
      const landing = await landMail(ctx, { mail, writer, contactId, flags });
      await setMessageOutcome(ctx.db, row.id, {
        state: landing.state,
        ticket_id: landing.ticketId,
        article_id: landing.articleId,
        contact_id: contactId,
        flags: JSON.stringify([...flags].sort()),
        decided_at: ctx.clock.now(),
        html: landing.html,
      });
      return (await findMessage(ctx.db, row.id))!;
    } catch (error) {
      await discardPrepared(mail);
      throw error;
    }
  },
  {
    async prepare(ctx, input) {
      assertHeldMailReviewer(input.actor);
      const row = await findMessage(ctx.db, input.id);
      if (!row) throw notFound('email');
      if (row.state !== 'held') throw new DomainError(InboundErrors['email.not_held']);
      if (!(await ctx.storage.exists(row.raw_sha256))) throw new DomainError(InboundErrors['email.raw_missing']);
      const raw = await buffer(await ctx.storage.get(row.raw_sha256));
      const mail = await prepareMail(ctx.storage, raw, (await emailSettings.get(ctx.db, 'email.max_message_bytes')) + 1024);
      // The raw bytes are stored already (since the message came); only its files are new.
      await mail.raw.discard();
      return { ...mail, raw: { ...mail.raw, commit: async () => undefined, discard: async () => undefined } };
    },
  },
);
