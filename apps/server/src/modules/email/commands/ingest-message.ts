import { isTrustedSystem, systemActor, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import type { AppContext } from '../../../context.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { emailKey } from '../../people/index.ts';
import { appendArticle } from '../../tickets/index.ts';
import { emailSettings } from '../email.settings.ts';
import { bounceFacts } from '../inbound/bounce.ts';
import { clip, idempotencyKey, landMail, writerOf } from '../inbound/land-mail.ts';
import { contactOfAddress, newContactFor } from '../inbound/landing.ts';
import { earlierArrival, insertMessage, markBouncing, messageByDedupKey, messagesFromSince, setMessageOutcome } from '../inbound/messages.repository.ts';
import { discardPrepared, type PreparedMail } from '../inbound/prepared-mail.ts';
import { verifiedTicketIds } from '../threading/message-id.ts';

export type IngestContext = Pick<AppContext, 'db' | 'clock' | 'secret' | 'resolveActor' | 'actorSides' | 'logger'>;

export interface IngestInput {
  /** The mail channel itself (systemActor('mail')): the only caller allowed. */
  actor: Actor;
  mailboxId: number;
  source: 'smtp' | 'imap';
  /** Parsed and staged before the transaction (prepareMail). */
  mail: PreparedMail;
}

export interface IngestResult {
  messageRowId: number;
  state: 'ticket' | 'article' | 'held' | 'rejected' | 'bounce' | 'looped' | 'ignored';
  ticketId: number | null;
  articleId: number | null;
  /** A redelivery of a message already committed: nothing new was written. */
  duplicate: boolean;
}

const HOUR = 60 * 60 * 1000;

/**
 * Ingests one inbound message in one transaction (Zammad's ordered filters, as code): the dedup row
 * (Message-ID + SHA-256 of the raw bytes; a redelivery returns the first outcome, a new body under a
 * known Message-ID is kept and flagged id_reused), bounces (a note on the ticket whose mail bounced,
 * the address marked bouncing, never a new or reopened ticket), the per-sender loop breaker, the
 * sender (an agent forwarding a customer's mail → the original sender; unknown senders accepted,
 * held or rejected by `email.unknown_senders`), then where it lands (inbound/land-mail.ts: a
 * third party's answer as a note; references, then subject tag and Thread-Index, each only if the
 * sender may see the ticket; a closed ticket reopened within tickets.reopen_closed_within_days, else
 * a linked follow-up; else a new ticket with its files and its Cc's as watchers). All through
 * tickets' commands as `onBehalfOf('mail', contact)`.
 * The caller acknowledges the message (250, IMAP flag) only after this commits.
 */
export const ingestMessage = defineCommand('email.ingest', async (ctx: IngestContext, input: IngestInput): Promise<IngestResult> => {
  if (!isTrustedSystem(input.actor)) throw forbidden('ingest');
  const { mail } = input;
  const p = mail.parsed;
  const now = ctx.clock.now();
  const earlier = await earlierArrival(ctx.db, mail.dedupKey, p.messageId || null);
  const existing = earlier.same;
  if (existing) return { messageRowId: existing.id, state: existing.state as IngestResult['state'], ticketId: existing.ticket_id, articleId: existing.article_id, duplicate: true };

  const flags = new Set<string>(mail.flags);
  if (earlier.idSeen) flags.add('id_reused');
  const sender = p.from?.address ? p.from : (p.replyTo[0] ?? null);
  const id = await insertMessage(ctx.db, {
    mailbox_id: input.mailboxId,
    source: input.source,
    message_id: p.messageId,
    raw_sha256: mail.sha256,
    raw_size: mail.size,
    dedup_key: mail.dedupKey,
    from_address: sender ? emailKey(sender.address) : null,
    subject: p.subject.slice(0, 1000),
    state: 'received',
    flags: '[]',
    problems: JSON.stringify(p.problems),
    ticket_id: null,
    article_id: null,
    contact_id: null,
    thread_root: mail.threadRoot,
    visible_body: mail.body.visible,
    folded_body: mail.body.folded,
    html: p.html,
    cc_json: JSON.stringify(p.cc),
    references_header: p.references.length > 0 ? p.references.join(' ').slice(0, 10_000) : null,
    thread_index: p.threadIndex,
    received_at: now,
    decided_at: null,
  });
  if (id === undefined) {
    const raced = (await messageByDedupKey(ctx.db, mail.dedupKey))!;
    return { messageRowId: raced.id, state: raced.state as IngestResult['state'], ticketId: raced.ticket_id, articleId: raced.article_id, duplicate: true };
  }
  await mail.raw.commit();
  const done = async (state: IngestResult['state'], out: { ticketId?: number | null; articleId?: number | null; contactId?: number | null; html?: string | null } = {}): Promise<IngestResult> => {
    await setMessageOutcome(ctx.db, id, {
      state,
      ticket_id: out.ticketId ?? null,
      article_id: out.articleId ?? null,
      contact_id: out.contactId ?? null,
      flags: JSON.stringify([...flags].sort()),
      decided_at: state === 'held' ? null : now,
      ...(out.html !== undefined ? { html: out.html } : {}),
    });
    if (state !== 'ticket' && state !== 'article' && state !== 'bounce') await discardPrepared({ ...mail, raw: { ...mail.raw, discard: async () => undefined } });
    return { messageRowId: id, state, ticketId: out.ticketId ?? null, articleId: out.articleId ?? null, duplicate: false };
  };

  // Bounces: a note on the ticket whose mail bounced; the failed addresses are marked. Never a ticket of their own.
  if (flags.has('bounce')) {
    const facts = bounceFacts(p);
    for (const f of facts.failed) await markBouncing(ctx.db, f.address, f.status, now);
    const [ticketId] = await verifiedTicketIds(ctx, facts.originalMessageIds);
    if (ticketId === undefined) return done('bounce');
    const note = await appendArticle({ ...ctx }, {
      actor: systemActor('mail'),
      ticketId,
      kind: 'note',
      channel: 'email',
      body: clip(`${p.subject}\n\n${facts.failed.map((f) => `${f.address}${f.status ? ` (${f.status})` : ''}`).join('\n')}\n\n${mail.body.visible}`),
      idempotencyKey: idempotencyKey(mail.dedupKey),
    });
    return done('bounce', { ticketId: note.ticket.id, articleId: note.article.row.id });
  }
  if (!sender) return done('rejected');

  // A mail loop (or a flood): past the hourly limit the messages are kept, but make no article.
  const limit = await emailSettings.get(ctx.db, 'email.sender_limit_per_hour');
  if ((await messagesFromSince(ctx.db, emailKey(sender.address), now - HOUR)) > limit) {
    flags.add('looped');
    return done('looped');
  }

  // A sender exists here (checked above), so there is a writer.
  const writer = (await writerOf(ctx, p))!;
  if (writer.forwarded) flags.add('forwarded_by_agent');
  let contactId = await contactOfAddress(ctx.db, writer.requester.address);
  const selfAgent = writer.agent !== null && !writer.forwarded;
  if (contactId === null && !selfAgent) {
    const policy = await emailSettings.get(ctx.db, 'email.unknown_senders');
    // Held: the row and the raw message stay; the review (held-mail.routes.ts) accepts or rejects it.
    if (policy === 'hold') return done('held');
    if (policy === 'reject') return done('rejected');
    contactId = await newContactFor(ctx, writer.requester);
  }
  const landing = await landMail(ctx, { mail, writer, contactId, flags });
  return done(landing.state, { ticketId: landing.ticketId, articleId: landing.articleId, contactId, html: landing.html });
});
