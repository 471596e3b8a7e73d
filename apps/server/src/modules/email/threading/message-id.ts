import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hmac } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../schema.ts';
import { ensureTicketTokenSalt, ticketTokenSalts } from './ticket-tokens.repository.ts';

/**
 * Outgoing Message-IDs carry an unguessable per-ticket token, so that a reply's In-Reply-To or
 * References can be trusted to name a ticket: `<pk.{ticketId}.{token}.{unique}@{domain}>`.
 * The token is 128 bits, lower-case hex (mail systems may fold case), derived as an HMAC of the
 * installation secret over the ticket id and a random per-ticket salt (email_ticket_tokens): the
 * database alone does not let anyone forge one, and a leaked token opens one ticket only.
 * `unique` tells apart the mails of one ticket (an article id and random bytes, say).
 *
 * This API is shared with mail out (email/outbound): keep it stable.
 */
export interface TicketMessageId {
  ticketId: number;
  token: string;
  unique: string;
  domain: string;
}

const PREFIX = 'pk';
const TOKEN_HEX = 32;
const PATTERN = /^<?\s*pk\.(\d{1,16})\.([0-9a-f]{32})\.([0-9a-z-]{1,64})@([^<>\s@]+?)\s*>?$/i;

/** `<pk.{ticketId}.{token}.{unique}@{domain}>`. */
export function formatMessageId(parts: TicketMessageId): string {
  if (!Number.isSafeInteger(parts.ticketId) || parts.ticketId < 1) throw new Error('ticketId must be a positive integer');
  if (!/^[0-9a-f]{32}$/.test(parts.token)) throw new Error('token must be 32 lower-case hex digits');
  if (!/^[0-9a-z-]{1,64}$/.test(parts.unique)) throw new Error('unique must be 1–64 of [0-9a-z-]');
  if (!/^[^<>\s@]+$/.test(parts.domain)) throw new Error('domain must be a bare domain');
  return `<${PREFIX}.${parts.ticketId}.${parts.token}.${parts.unique}@${parts.domain}>`;
}

/** Reads our format out of one Message-ID (with or without angle brackets); null if it is not ours. The token is NOT verified here. */
export function parseMessageId(value: string): TicketMessageId | null {
  const m = PATTERN.exec(value.trim());
  if (!m) return null;
  const ticketId = Number(m[1]);
  if (!Number.isSafeInteger(ticketId) || ticketId < 1) return null;
  return { ticketId, token: m[2]!.toLowerCase(), unique: m[3]!.toLowerCase(), domain: m[4]! };
}

/** A fresh `unique` part: the article id (when there is one) and 48 random bits. */
export function uniquePart(articleId?: number): string {
  const random = randomBytes(6).toString('hex');
  return articleId === undefined ? random : `${articleId}-${random}`;
}

/** The domain of a mailbox address (`support@desk.example` → `desk.example`), for the Message-ID's right side. */
export function messageIdDomain(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = (at >= 0 ? address.slice(at + 1) : address).trim().toLowerCase();
  return domain || 'localhost';
}

/** Splits an In-Reply-To / References header (or mailparser's string | string[]) into the ids it names, in order, brackets kept. */
export function splitMessageIds(header: string | readonly string[] | undefined | null): string[] {
  if (!header) return [];
  const text = Array.isArray(header) ? header.join(' ') : (header as string);
  const ids = text.match(/<[^<>\s]+>/g);
  return ids ?? text.split(/\s+/).filter((s) => s.includes('@')).map((s) => `<${s.replace(/^<|>$/g, '')}>`);
}

function tokenOf(secret: string, ticketId: number, salt: string): string {
  return Buffer.from(hmac(secret, 'email/message-id', `${ticketId}.${salt}`), 'base64url').toString('hex').slice(0, TOKEN_HEX);
}

export interface TokenContext {
  db: Db;
  /** The installation secret (AppContext.secret). */
  secret: string;
  clock: { now(): number };
}

/** The ticket's Message-ID token, creating its salt on first use (call inside the sending transaction or not: the salt row is idempotent). */
export async function ticketMessageToken(ctx: TokenContext, ticketId: number): Promise<string> {
  const salt = await ensureTicketTokenSalt(ctx.db, ticketId, randomBytes(16).toString('base64url'), ctx.clock.now());
  return tokenOf(ctx.secret, ticketId, salt);
}

/** A complete outgoing Message-ID for a mail of the ticket: `outgoingMessageId(ctx, { ticketId, domain, articleId })`. */
export async function outgoingMessageId(ctx: TokenContext, input: { ticketId: number; domain: string; articleId?: number }): Promise<string> {
  return formatMessageId({ ticketId: input.ticketId, token: await ticketMessageToken(ctx, input.ticketId), unique: uniquePart(input.articleId), domain: input.domain });
}

/**
 * The tickets that the given Message-IDs verifiably name (our format AND the right token), in the
 * order of the ids, without repeats. A forged id (right format, wrong token; or a ticket that never
 * sent mail) names nothing.
 */
export async function verifiedTicketIds(ctx: Pick<TokenContext, 'db' | 'secret'>, ids: readonly string[]): Promise<number[]> {
  const parsed = ids.map(parseMessageId).filter((p): p is TicketMessageId => p !== null);
  if (parsed.length === 0) return [];
  const salts = await ticketTokenSalts(ctx.db, [...new Set(parsed.map((p) => p.ticketId))]);
  const out: number[] = [];
  for (const p of parsed) {
    const salt = salts.get(p.ticketId);
    if (salt === undefined || out.includes(p.ticketId)) continue;
    const expected = Buffer.from(tokenOf(ctx.secret, p.ticketId, salt));
    const given = Buffer.from(p.token);
    if (expected.length === given.length && timingSafeEqual(expected, given)) out.push(p.ticketId);
  }
  return out;
}
