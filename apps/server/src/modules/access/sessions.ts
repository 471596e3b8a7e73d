import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, ActorResolver, ActorSidesLoader } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { hmac, randomToken, sha256Hex } from '../../platform/crypto/index.ts';
import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { timingSafeEqual } from 'node:crypto';
import { actorFromUser } from './actor-loader.ts';
import type { ActorCache, CachedSession } from './actor-cache.ts';
import { findSessionWithUser, touchSession } from './sessions.repository.ts';
import { TICKET_LINK_COOKIE, ticketLinkActor } from './ticket-links.ts';
import { bearerToken, tokenActor } from './tokens.ts';
import { accessSettings } from './access.settings.ts';

export const SESSION_COOKIE = 'pishkhan_session';
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_TTL_MS = 14 * 24 * 3600_000;
const TOUCH_EVERY_MS = 60_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface SessionDeps {
  db: Db;
  clock: Clock;
  secret: string;
  secureCookies: boolean;
  actorSides: ActorSidesLoader;
  resolveActor: ActorResolver;
  /** Actors of recently seen sessions (ADR 0015); absent or disabled: read on every request. */
  actorCache?: ActorCache;
}

/** The CSRF token of a session: an HMAC of its secret token, so nothing more is stored. */
export function csrfTokenFor(secret: string, sessionToken: string): string {
  return hmac(secret, 'csrf', sessionToken);
}

/** A new session's secret: a 256-bit random token for the cookie, and the SHA-256 the database keeps. */
export function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomToken();
  return { token, tokenHash: sha256Hex(token) };
}

/** When a session started (or last seen) at `now` expires (default timeouts: before any setting is read). */
export function sessionExpiry(now: number, timeouts: SessionTimeouts = DEFAULT_TIMEOUTS, createdAt = now): number {
  return Math.min(now + timeouts.idleMs, createdAt + timeouts.absoluteMs);
}

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}
const DEFAULT_TIMEOUTS: SessionTimeouts = { idleMs: SESSION_TTL_MS, absoluteMs: 30 * 24 * 3600_000 };

/** The idle and absolute timeouts (settings `access.session_idle_minutes`, `access.session_absolute_days`; seen within 5 s of a change). */
export async function sessionTimeouts(db: Db): Promise<SessionTimeouts> {
  return {
    idleMs: (await accessSettings.getCached(db, 'access.session_idle_minutes')) * 60_000,
    absoluteMs: (await accessSettings.getCached(db, 'access.session_absolute_days')) * 24 * 3600_000,
  };
}

/** The session cookie: http-only, SameSite=Lax, Secure behind https; it lives as long as the session. */
export function setSessionCookie(deps: SessionDeps, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, path: '/', maxAge: SESSION_TTL_MS / 1000 });
}

/** Removes the session cookie (sign-out). */
export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * Resolves a request to its actor from the session cookie. Writes made with a cookie must carry
 * the session's CSRF token; a missing or wrong one is refused before any handler runs.
 */
export async function authenticateRequest(deps: SessionDeps, request: FastifyRequest, reply: FastifyReply): Promise<Actor> {
  const anonymous: Actor = { kind: 'anonymous', locale: request.language };
  const bearer = bearerToken(request);
  if (bearer !== undefined) return tokenActor(deps, request, bearer);
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return ticketLinkOf(deps, request, anonymous);
  const now = deps.clock.now();
  const tokenHash = sha256Hex(token);
  const found = deps.actorCache?.get(tokenHash) ?? (await lookUpSession(deps, tokenHash));
  const { session, actor } = found;
  if (!session || session.expires_at <= now) return anonymous;
  const timeouts = await sessionTimeouts(deps.db);
  // The absolute limit holds however active the session is; the idle limit may have been shortened since.
  if (now >= sessionExpiry(session.last_seen_at, timeouts, session.created_at)) return anonymous;
  if (!SAFE_METHODS.has(request.method) && !sameSecret(request.headers[CSRF_HEADER], csrfTokenFor(deps.secret, token))) {
    throw new DomainError(CommonErrors['auth.csrf']);
  }
  if (!actor) return anonymous;
  if (now - session.last_seen_at > TOUCH_EVERY_MS) {
    // Sliding expiry: an active session lives on, and so must its cookie.
    await touchSession(deps.db, session.id, now, sessionExpiry(now, timeouts, session.created_at));
    setSessionCookie(deps, reply, token);
    session.last_seen_at = now;
    session.expires_at = sessionExpiry(now, timeouts, session.created_at);
  }
  return actor;
}

/** The session and its actor as the database has them now (remembered for the cache's short while). */
async function lookUpSession(deps: SessionDeps, tokenHash: string): Promise<CachedSession> {
  const row = await findSessionWithUser(deps.db, tokenHash);
  const found: CachedSession = row
    ? {
        session: { id: row.id, created_at: row.created_at, expires_at: row.expires_at, last_seen_at: row.last_seen_at },
        actor: await actorFromUser(deps.db, deps.actorSides, { ...row, id: row.user_id }, 'session', row.id),
      }
    : { session: null, actor: null };
  deps.actorCache?.set(tokenHash, found);
  return found;
}

/** Forgets a session this process has ended (sign-out), so that its own next request reads it again. */
export function forgetSession(deps: SessionDeps, token: string | undefined): void {
  if (token) deps.actorCache?.delete(sha256Hex(token));
}

/** A ticket link's customer (its cookie, CSRF-checked like a session's), or anonymous. */
async function ticketLinkOf(deps: SessionDeps, request: FastifyRequest, anonymous: Actor): Promise<Actor> {
  const token = request.cookies[TICKET_LINK_COOKIE];
  if (!token) return anonymous;
  const actor = await ticketLinkActor(deps, token, request.url, request.language);
  if (!actor) return anonymous;
  if (!SAFE_METHODS.has(request.method) && !sameSecret(request.headers[CSRF_HEADER], csrfTokenFor(deps.secret, token))) {
    throw new DomainError(CommonErrors['auth.csrf']);
  }
  return actor;
}

export function currentSessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE];
}

/** Compares a presented secret with the expected one in constant time. */
function sameSecret(presented: string | string[] | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

// The daily sweep's handler (registered in index.ts) calls the repository through here.
