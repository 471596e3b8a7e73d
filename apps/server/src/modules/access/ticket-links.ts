import type { Actor, ActorResolver } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { randomToken, sha256Hex, type SealKey } from '../../platform/crypto/index.ts';
import type { Db } from '../../schema.ts';
import { accessSettings } from './access.settings.ts';
import { announceLink, linkUrl } from './links.ts';
import { findLiveTicketLink, insertTicketLink, touchTicketLink } from './ticket-links.repository.ts';

/** The cookie a ticket link's customer carries (the link's own token; one ticket, no password). */
export const TICKET_LINK_COOKIE = 'pishkhan_ticket_link';
/** A ticket link opens only its ticket's page and the articles under it (the policy narrows the rest). */
const TICKET_LINK_PATH = /^\/api\/v1\/tickets\/(\d+)(?:\/(?:articles|replies))?(?:\?.*)?$/;

export interface TicketLinkContext {
  db: Db;
  clock: Clock;
  sealKeys: SealKey[];
  config: { publicUrl: string };
}

/**
 * A per-ticket magic link for a contact: who holds it sees and answers that one ticket as the
 * contact, without a password, for `access.ticket_link_days`. Written in the caller's unit of work
 * (the "request received" mail's), announced as `access.link_issued`; deactivating the contact revokes it.
 * `to` and `language` are where the channels deliver it (the contact's address and language).
 */
export async function ticketMagicLink(
  ctx: TicketLinkContext,
  input: { ticketId: number; contactId: number; to: string; language: 'fa' | 'en'; announce?: boolean },
): Promise<{ link: string; expiresAt: number }> {
  const token = randomToken();
  const now = ctx.clock.now();
  const days = await accessSettings.get(ctx.db, 'access.ticket_link_days');
  const expiresAt = now + days * 24 * 3600_000;
  await insertTicketLink(ctx.db, { tokenHash: sha256Hex(token), ticketId: input.ticketId, contactId: input.contactId, now, expiresAt });
  const link = `${linkUrl(ctx.config.publicUrl, 'ticket_link', token)}&ticket=${input.ticketId}`;
  if (input.announce !== false) {
    await announceLink(ctx, { purpose: 'ticket_link', userId: null, contactId: input.contactId, ticketId: input.ticketId, to: input.to, language: input.language, link, expiresAt });
  }
  return { link, expiresAt };
}

/** The live link of a token, or undefined (unknown, expired, revoked). */
export function liveTicketLink(db: Db, clock: Clock, token: string) {
  return findLiveTicketLink(db, sha256Hex(token), clock.now());
}

/**
 * The actor of a request carrying a ticket link's cookie: the contact, bound to the link's ticket
 * (`ticketId`), and only on that ticket's own routes; anywhere else, or when the link is dead or
 * the contact inactive, nobody (anonymous).
 */
export async function ticketLinkActor(
  deps: { db: Db; clock: Clock; resolveActor: ActorResolver },
  token: string,
  url: string,
  locale: Actor['locale'],
): Promise<Actor | null> {
  const match = TICKET_LINK_PATH.exec(url);
  if (!match) return null;
  const link = await liveTicketLink(deps.db, deps.clock, token);
  if (!link || link.ticket_id !== Number(match[1])) return null;
  const actor = await deps.resolveActor(deps.db, { kind: 'system', name: 'portal', locale, onBehalfOf: link.contact_id, ticketId: link.ticket_id });
  if (actor.kind !== 'system' || !actor.contact) return null;
  const now = deps.clock.now();
  if (link.last_used_at === null || now - link.last_used_at > 60_000) await touchTicketLink(deps.db, link.id, now);
  return actor;
}
