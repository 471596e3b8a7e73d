import { createHash } from 'node:crypto';
import { isTrustedSystem, systemActor, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import type { AppContext } from '../../../context.ts';
import { forbidden } from '../../../platform/http/errors.ts';
import { emailKey } from '../../people/index.ts';
import { addWatcher, appendArticle, createTicket, loadTicketRow, relateTickets, uploadAttachments } from '../../tickets/index.ts';
import { emailSettings } from '../email.settings.ts';
import { bounceFacts } from '../inbound/bounce.ts';
import { forwardedSender } from '../inbound/forwarded-sender.ts';
import { agentActorOf, asContact, contactOfAddress, newContactFor, seesTicket, threadCandidates } from '../inbound/landing.ts';
import { insertMessage, markBouncing, messageByDedupKey, messageIdSeen, messagesFromSince, setMessageOutcome } from '../inbound/messages.repository.ts';
import { discardPrepared, type PreparedMail } from '../inbound/prepared-mail.ts';
import { allMailboxAddressKeys } from '../mailboxes/mailboxes.repository.ts';
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
const BODY_LIMIT = 100_000;

/**
 * Ingests one inbound message in one transaction (Zammad's ordered filters, as code): the dedup row
 * (Message-ID + SHA-256 of the raw bytes; a redelivery returns the first outcome, a new body under a
 * known Message-ID is kept and flagged id_reused), bounces (a note on the ticket whose mail bounced,
 * the address marked bouncing, never a new or reopened ticket), the per-sender loop breaker, the
 * sender (an agent forwarding a customer's mail → the original sender; unknown senders accepted,
 * held or rejected by `email.unknown_senders`), threading (references, then subject tag and
 * Thread-Index — each only if the sender may see the ticket, else a new ticket linked to it; a
 * closed ticket gets a linked follow-up), the article or the new ticket with its files, and Cc's
 * of a new ticket as watchers. All through tickets' commands as `onBehalfOf('mail', contact)`.
 * The caller acknowledges the message (250, IMAP flag) only after this commits.
 */
export const ingestMessage = defineCommand('email.ingest', async (ctx: IngestContext, input: IngestInput): Promise<IngestResult> => {
  if (!isTrustedSystem(input.actor)) throw forbidden('ingest');
  const { mail } = input;
  const p = mail.parsed;
  const now = ctx.clock.now();
  const existing = await messageByDedupKey(ctx.db, mail.dedupKey);
  if (existing) return { messageRowId: existing.id, state: existing.state as IngestResult['state'], ticketId: existing.ticket_id, articleId: existing.article_id, duplicate: true };

  const flags = new Set<string>(mail.flags);
  if (p.messageId && (await messageIdSeen(ctx.db, p.messageId))) flags.add('id_reused');
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
    received_at: now,
    decided_at: null,
  });
  if (id === undefined) {
    const raced = (await messageByDedupKey(ctx.db, mail.dedupKey))!;
    return { messageRowId: raced.id, state: raced.state as IngestResult['state'], ticketId: raced.ticket_id, articleId: raced.article_id, duplicate: true };
  }
  await mail.raw.commit();
  const done = async (state: IngestResult['state'], out: { ticketId?: number | null; articleId?: number | null; contactId?: number | null } = {}): Promise<IngestResult> => {
    await setMessageOutcome(ctx.db, id, { state, ticket_id: out.ticketId ?? null, article_id: out.articleId ?? null, contact_id: out.contactId ?? null, flags: JSON.stringify([...flags].sort()), decided_at: state === 'held' ? null : now });
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

  // Who writes: an agent forwarding a customer's mail opens it for the original sender.
  let requester = sender;
  const agent = await agentActorOf(ctx, sender.address);
  if (agent) {
    const original = forwardedSender(p);
    if (original) {
      requester = original;
      flags.add('forwarded_by_agent');
    }
  }
  const candidates = await threadCandidates(ctx, p, mail.threadRoot);
  let contactId = await contactOfAddress(ctx.db, requester.address);
  const actorFor = (): Actor => (agent && requester === sender ? agent : asContact(contactId!));
  if (contactId === null && !(agent && requester === sender)) {
    const policy = await emailSettings.get(ctx.db, 'email.unknown_senders');
    if (policy === 'hold') return done('held');
    if (policy === 'reject') return done('rejected');
    contactId = await newContactFor(ctx, requester);
  }
  const actor = actorFor();

  // Threading: the first referenced ticket the writer may see; a stranger's reply opens a new ticket, linked.
  let linkTo: number | null = null;
  for (const ticketId of [...candidates.byReference, ...candidates.byTag]) {
    if (!(await seesTicket(ctx, actor, ticketId))) {
      linkTo ??= ticketId;
      flags.add('stranger_reply');
      continue;
    }
    const ticket = await loadTicketRow(ctx.db, ticketId);
    if (ticket?.status === 'closed') {
      linkTo = ticketId;
      flags.add('follow_up');
      break;
    }
    const attachmentIds = await attach(ctx, actor, ticketId, mail);
    const result = await appendArticle(ctx, { actor, ticketId, kind: 'reply', channel: 'email', body: clip(mail.body.visible || p.subject), attachmentIds, idempotencyKey: idempotencyKey(mail.dedupKey) });
    return done('article', { ticketId: result.ticket.id, articleId: result.article.row.id, contactId });
  }

  const view = await createTicket(ctx, {
    actor: agent && requester === sender ? systemActor('mail') : actor,
    title: (p.subject.trim() || mail.body.visible.split('\n')[0]?.trim() || '(no subject)').slice(0, 200),
    description: clip(mail.body.visible),
    type: 'incident',
    channel: 'email',
    ...(agent && requester === sender ? { requesterContactId: contactId } : {}),
    idempotencyKey: idempotencyKey(mail.dedupKey),
  } as never);
  const ticketId = view.access.id;
  await attach(ctx, actor, ticketId, mail);
  if (linkTo !== null) await relateTickets(ctx, { actor: systemActor('mail'), ticketId, targetTicketId: linkTo, kind: flags.has('follow_up') ? 'follow_up_of' : 'related' });
  await watchersFromCc(ctx, ticketId, p, [requester.address, sender.address]);
  return done('ticket', { ticketId, contactId });
});

/** Stores the mail's files on the ticket (bytes staged in prepare), returning the attachment ids for the article. */
async function attach(ctx: IngestContext, actor: Actor, ticketId: number, mail: PreparedMail): Promise<number[]> {
  if (mail.files.length === 0) return [];
  const { attachments } = await uploadAttachments(ctx, { actor, ticketId, internal: false, files: mail.files.map((f) => ({ blob: f.blob, filename: f.filename, contentType: f.contentType })) });
  return attachments.map((a) => a.id);
}

/** The Cc'd (and other To) addresses of a new ticket's first mail become watchers — known contacts, or new ones when unknown senders are accepted. */
async function watchersFromCc(ctx: IngestContext, ticketId: number, mail: PreparedMail['parsed'], skip: string[]): Promise<void> {
  const ours = await allMailboxAddressKeys(ctx.db);
  const skipped = new Set([...skip.map(emailKey), ...ours]);
  const accept = (await emailSettings.get(ctx.db, 'email.unknown_senders')) === 'accept';
  for (const person of [...mail.cc, ...mail.to]) {
    const key = emailKey(person.address);
    if (skipped.has(key)) continue;
    skipped.add(key);
    const contactId = (await contactOfAddress(ctx.db, person.address)) ?? (accept ? await newContactFor(ctx, person) : null);
    if (contactId === null) continue;
    await addWatcher(ctx, { actor: systemActor('mail'), ticketId, contactId });
  }
}

function clip(text: string): string {
  return text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT - 1)}…` : text;
}

/** Idempotency keys are short: the dedup key hashed. */
function idempotencyKey(dedupKey: string): string {
  return createHash('sha256').update(dedupKey).digest('hex');
}
