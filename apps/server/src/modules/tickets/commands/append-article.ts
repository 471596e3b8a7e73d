import { hasUnstorableText, toStorableText } from '@pishkhan/text';
import { actorUserId, contactSideOf, isTrustedSystem, type Actor, type SystemActorName } from '../../../platform/actor.ts';
import { channelKey, defineCommand, onceForKey } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/record.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import { afterNote, afterReply, claimAttachments } from '../article-landing.ts';
import type { ArticleView } from '../articles.presenter.ts';
import { articleViews } from '../articles.queries.ts';
import { insertArticle } from '../articles.repository.ts';
import { authorizeLanding, writesAsAgent, type TimelineCommandContext } from '../ticket-access.ts';
import { seesInternal } from '../tickets.policy.ts';
import type { TicketRow } from '../tickets.repository.ts';
import { invalidInput } from '../../../platform/http/input-issues.ts';

/** The same bounds as the API's reply and note bodies (contracts ReplyBody / NoteBody). */
const MAX_BODY = 100_000;

export type AppendArticleContext = TimelineCommandContext;

export interface AppendArticleInput {
  /** A user (desk or customer), or a channel on behalf of a contact: `onBehalfOf('mail', contactId)`. */
  actor: Actor;
  /** The ticket addressed; the article lands on the ticket it was merged into, if it was. */
  ticketId: number;
  /** A public reply, or an internal note (the desk only). */
  kind: 'reply' | 'note';
  body: string;
  /** Uploads (upload-attachment) of this ticket by the same author, not yet on an article. */
  attachmentIds?: readonly number[] | undefined;
  /** Where it came from ('email', 'sms', 'phone', 'api'); by default 'agent' or 'portal' for users, the system actor's channel otherwise. */
  channel?: string | undefined;
  /**
   * The note carries a third party's answer (a supplier answering the desk's mail): on
   * pending_third_party it reopens the ticket, cause 'third_party'. Honoured for the trusted system only.
   */
  thirdPartyAnswer?: boolean | undefined;
  /** Unique per channel (a Message-ID, an SMS id, an Idempotency-Key header): a repeat returns the first result and writes nothing. */
  idempotencyKey?: string | undefined;
}

export interface AppendArticleResult {
  /** The ticket the article landed on, after what the article did to it (status, first response). */
  ticket: NonNullable<TicketRow>;
  /** The article as its author may see it, ready for presentArticle. */
  article: ArticleView;
  /** Whether this was a repeat of an idempotency key (the first call's result; nothing was written). */
  replayed: boolean;
}

/**
 * Appends a public reply or an internal note to a ticket — the one entry for every channel (the
 * reply and note routes, mail, SMS, phone, the API). In order:
 * - a repeated idempotency key (scoped to the channel, and to the user for users) returns the first result;
 * - authorises on the landing ticket, holding it until commit (ticket-access authorizeLanding):
 *   unseen 404, merged meanwhile 409, a public reply on a closed ticket 409 ticket.closed, else 403;
 *   a channel on behalf of a contact is held to that contact's rules, so a stranger gets 404;
 * - text the databases cannot store is 400 from a user, and stored with U+FFFD from a channel
 *   (the raw body kept in raw_body);
 * - writes the article (author side agent, contact or system), claims its uploads, applies the
 *   lifecycle (article-landing afterReply / afterNote) and records ticket.article_added.
 */
export const appendArticle = defineCommand(
  'ticket.append_article',
  async (ctx: AppendArticleContext, input: AppendArticleInput): Promise<AppendArticleResult> => {
    const { actor } = input;
    const key = channelKey(actor, input.channel ?? (actor.kind === 'system' ? systemChannel(actor.name) : 'api'), input.idempotencyKey);
    const { result, replayed } = await onceForKey(ctx.db, key, ctx.clock.now(), () => append(ctx, input));
    return { ...result, replayed };
  },
);

async function append(ctx: AppendArticleContext, input: AppendArticleInput): Promise<Omit<AppendArticleResult, 'replayed'>> {
  const { actor, kind } = input;
  const trx = ctx.db;
  const access = await authorizeLanding(trx, actor, kind, input.ticketId);
  const { body, raw } = storableBody(actor, input.body);
  const asAgent = writesAsAgent(actor, access);
  const contact = asAgent ? null : contactSideOf(actor);
  const internal = kind === 'note';
  const now = ctx.clock.now();
  const row = await insertArticle(trx, {
    ticket_id: access.id,
    kind,
    internal: internal ? 1 : 0,
    channel: input.channel ?? (actor.kind === 'system' ? systemChannel(actor.name) : asAgent ? 'agent' : 'portal'),
    author_user_id: actorUserId(actor),
    author_system: actor.kind === 'system' ? actor.name : null,
    author_kind: asAgent ? 'agent' : contact ? 'contact' : 'system',
    author_contact_id: contact?.id ?? null,
    body,
    raw_body: raw,
    event_type: null,
    event_data: null,
    created_at: now,
  });
  await claimAttachments(trx, { ticketId: access.id, userId: actorUserId(actor), articleId: row.id, ids: input.attachmentIds ?? [], internalArticle: internal });
  const ticket = internal
    ? await afterNote(trx, { ticket: access.row, now, thirdPartyAnswer: input.thirdPartyAnswer === true && isTrustedSystem(actor) ? { actor, clock: ctx.clock } : undefined })
    : await afterReply(trx, ctx.clock, { ticket: access.row, actor, asAgent, fromContact: contact !== null, now });
  await recordEvent(trx, ctx.clock, 'ticket.article_added', { ticketId: ticket.id, articleId: row.id, kind, internal, actorUserId: actorUserId(actor) });
  const [article] = await articleViews(trx, [row], seesInternal(actor, access));
  return { ticket, article: article! };
}

/**
 * The body as stored. From a user it must be storable (the HTTP edge already refuses such text);
 * a channel cannot send its input back, so its unstorable code units become U+FFFD and the raw
 * body is kept as JSON beside it.
 */
function storableBody(actor: Actor, body: string): { body: string; raw: string | null } {
  if (body.trim().length === 0 || body.length > MAX_BODY) {
    throw invalidInput('body', body.length > MAX_BODY ? 'maxLength' : 'blank', body.length > MAX_BODY ? { limit: MAX_BODY } : {});
  }
  if (!hasUnstorableText(body)) return { body, raw: null };
  if (actor.kind !== 'system') throw new DomainError(CommonErrors['request.unstorable_text'], { field: 'body' });
  return { body: toStorableText(body), raw: JSON.stringify(body) };
}

/** The article channel of a system actor: mail writes 'email', the others their own name. */
function systemChannel(name: SystemActorName): string {
  return name === 'mail' ? 'email' : name;
}
