import { createHash } from 'node:crypto';
import { systemActor, type Actor } from '../../../platform/actor.ts';
import { emailKey } from '../../people/index.ts';
import {
  addWatcher,
  appendArticle,
  createTicket,
  loadTicketRow,
  mayReopenClosed,
  relateTickets,
  reopenClosedByMail,
  uploadAttachments,
} from '../../tickets/index.ts';
import type { IngestContext } from '../commands/ingest-message.ts';
import { emailSettings } from '../email.settings.ts';
import { allMailboxAddressKeys } from '../mailboxes/mailboxes.repository.ts';
import { outboundByMessageId } from '../outbound/outbound.repository.ts';
import type { MailAddress, ParsedMail } from '../parsing/parse-mail.ts';
import { forwardedSender } from './forwarded-sender.ts';
import { agentActorOf, asContact, contactOfAddress, newContactFor, seesTicket, threadCandidates } from './landing.ts';
import { rewriteCidLinks } from './inline-images.ts';
import type { PreparedMail } from './prepared-mail.ts';

const BODY_LIMIT = 100_000;

/** Who wrote a mail: its sender, the requester it is for (an agent's forward: the original sender), and the agent when an agent sent it. */
export interface MailWriter {
  sender: MailAddress;
  requester: MailAddress;
  agent: Actor | null;
  forwarded: boolean;
}

export async function writerOf(ctx: IngestContext, p: ParsedMail): Promise<MailWriter | null> {
  const sender = p.from?.address ? p.from : (p.replyTo[0] ?? null);
  if (!sender) return null;
  const agent = await agentActorOf(ctx, sender.address);
  const original = agent ? forwardedSender(p) : null;
  return { sender, requester: original ?? sender, agent, forwarded: original !== null };
}

export interface Landing {
  state: 'ticket' | 'article';
  ticketId: number;
  articleId: number | null;
  /** The sanitised HTML with its cid: images pointing at the stored attachments (the attachment content route). */
  html: string | null;
}

/**
 * Where a mail lands, once its writer is known (a contact, or an agent writing for themself),
 * inside the ingest transaction (or the held-mail review's accept):
 * 1. an answer to a third-party message we sent → a non-public note on that ticket;
 * 2. the first referenced ticket the writer may see (references, then subject tag / Thread-Index);
 *    a closed one is reopened within `tickets.reopen_closed_within_days`, else a linked follow-up;
 *    a ticket the writer may not see is only linked (a stranger's "reply" opens a new ticket);
 * 3. otherwise a new ticket, its Cc's as watchers.
 */
export async function landMail(ctx: IngestContext, input: { mail: PreparedMail; writer: MailWriter; contactId: number | null; flags: Set<string> }): Promise<Landing> {
  const { mail, writer, contactId, flags } = input;
  const p = mail.parsed;
  const key = idempotencyKey(mail.dedupKey);
  const selfAgent = writer.agent !== null && writer.requester === writer.sender;
  // Resolved once here (the contact's identity): the ticket commands below would each resolve it again.
  const actor: Actor = selfAgent ? writer.agent! : await ctx.resolveActor(ctx.db, asContact(contactId!));
  const cids = new Map<string, number>();
  const html = () => (p.html && cids.size > 0 ? rewriteCidLinks(p.html, cids) : p.html);

  const thirdParty = await thirdPartyTicket(ctx, p);
  if (thirdParty !== null) {
    flags.add('third_party_answer');
    const mailActor = systemActor('mail');
    const attachmentIds = await attach(ctx, mailActor, thirdParty, mail, true, cids);
    const note = await appendArticle(ctx, { actor: mailActor, ticketId: thirdParty, kind: 'note', channel: 'email', body: clip(`${writer.sender.address}:\n\n${mail.body.visible || p.subject}`), attachmentIds, idempotencyKey: key, thirdPartyAnswer: true });
    return { state: 'article', ticketId: note.ticket.id, articleId: note.article.row.id, html: html() };
  }

  const candidates = await threadCandidates(ctx, p, mail.threadRoot);
  let linkTo: number | null = null;
  for (const ticketId of [...candidates.byReference, ...candidates.byTag]) {
    if (!(await seesTicket(ctx, actor, ticketId))) {
      linkTo ??= ticketId;
      flags.add('stranger_reply');
      continue;
    }
    const ticket = await loadTicketRow(ctx.db, ticketId);
    if (ticket?.status === 'closed') {
      if (selfAgent || !(await mayReopenClosed(ctx, ticket.closed_at))) {
        linkTo = ticketId;
        flags.add('follow_up');
        break;
      }
      await reopenClosedByMail(ctx, { actor, ticketId });
      flags.add('reopened');
    }
    const attachmentIds = await attach(ctx, actor, ticketId, mail, false, cids);
    const result = await appendArticle(ctx, { actor, ticketId, kind: 'reply', channel: 'email', body: clip(mail.body.visible || p.subject), attachmentIds, idempotencyKey: key });
    return { state: 'article', ticketId: result.ticket.id, articleId: result.article.row.id, html: html() };
  }

  const view = await createTicket(ctx, {
    actor: selfAgent ? systemActor('mail') : actor,
    title: (p.subject.trim() || mail.body.visible.split('\n')[0]?.trim() || '(no subject)').slice(0, 200),
    description: clip(mail.body.visible),
    type: 'incident',
    channel: 'email',
    ...(selfAgent ? { requesterContactId: contactId } : {}),
    idempotencyKey: key,
  } as never);
  const ticketId = view.access.id;
  await attach(ctx, actor, ticketId, mail, false, cids);
  if (linkTo !== null) await relateTickets(ctx, { actor: systemActor('mail'), ticketId, targetTicketId: linkTo, kind: flags.has('follow_up') ? 'follow_up_of' : 'related' });
  await watchersFromCc(ctx, ticketId, p, [writer.requester.address, writer.sender.address]);
  return { state: 'ticket', ticketId, articleId: null, html: html() };
}

/** The ticket of a third-party message this mail answers (its references name our Message-ID), if any. */
async function thirdPartyTicket(ctx: IngestContext, p: ParsedMail): Promise<number | null> {
  const ours = await outboundByMessageId(ctx.db, [...p.inReplyTo, ...p.references]);
  return ours.find((o) => o.purpose === 'third_party' && o.ticket_id !== null)?.ticket_id ?? null;
}

/** Stores the mail's files on the ticket (bytes staged in prepare), noting each cid: image's attachment id; returns the ids for the article. */
async function attach(ctx: IngestContext, actor: Actor, ticketId: number, mail: PreparedMail, internal: boolean, cids: Map<string, number>): Promise<number[]> {
  if (mail.files.length === 0) return [];
  const { attachments } = await uploadAttachments(ctx, { actor, ticketId, internal, files: mail.files.map((f) => ({ blob: f.blob, filename: f.filename, contentType: f.contentType })) });
  mail.files.forEach((f, i) => {
    if (f.contentId && attachments[i]) cids.set(f.contentId.toLowerCase(), attachments[i]!.id);
  });
  return attachments.map((a) => a.id);
}

/** The Cc'd (and other To) addresses of a new ticket's first mail become watchers — known contacts, or new ones when unknown senders are accepted. */
async function watchersFromCc(ctx: IngestContext, ticketId: number, mail: ParsedMail, skip: string[]): Promise<void> {
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

export function clip(text: string): string {
  return text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT - 1)}…` : text;
}

/** Idempotency keys are short: the dedup key hashed. */
export function idempotencyKey(dedupKey: string): string {
  return createHash('sha256').update(dedupKey).digest('hex');
}
