import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, ActorSidesLoader } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { hmac, randomToken, sha256Hex } from '../../platform/crypto/index.ts';
import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { timingSafeEqual } from 'node:crypto';
import { actorFromUser } from './actor-loader.ts';

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
}

/** The CSRF token of a session: an HMAC of its secret token, so nothing more is stored. */
export function csrfTokenFor(secret: string, sessionToken: string): string {
  return hmac(secret, 'csrf', sessionToken);
}

/** Starts a session: a 256-bit random token in an http-only cookie; the database keeps its SHA-256. */
export async function startSession(deps: SessionDeps, reply: FastifyReply, userId: number, meta: { ip?: string; userAgent?: string }) {
  const token = randomToken();
  const now = deps.clock.now();
  const row = await deps.db
    .insertInto('sessions')
    .values({
      token_hash: sha256Hex(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: now + SESSION_TTL_MS,
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 500) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  setSessionCookie(deps, reply, token);
  return { sessionId: row.id, csrfToken: csrfTokenFor(deps.secret, token) };
}

/** The session cookie: http-only, SameSite=Lax, Secure behind https; it lives as long as the session. */
function setSessionCookie(deps: SessionDeps, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, path: '/', maxAge: SESSION_TTL_MS / 1000 });
}

export async function endSession(deps: SessionDeps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (token) await deps.db.deleteFrom('sessions').where('token_hash', '=', sha256Hex(token)).execute();
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * Resolves a request to its actor from the session cookie. Writes made with a cookie must carry
 * the session's CSRF token; a missing or wrong one is refused before any handler runs.
 */
export async function authenticateRequest(deps: SessionDeps, request: FastifyRequest, reply: FastifyReply): Promise<Actor> {
  const anonymous: Actor = { kind: 'anonymous', locale: request.language };
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return anonymous;
  const now = deps.clock.now();
  const session = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.user_id', 'sessions.expires_at', 'sessions.last_seen_at', 'users.email', 'users.locale', 'users.must_change_password', 'users.active'])
    .where('sessions.token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!session || session.expires_at <= now) return anonymous;
  if (!SAFE_METHODS.has(request.method) && !sameSecret(request.headers[CSRF_HEADER], csrfTokenFor(deps.secret, token))) {
    throw new DomainError(CommonErrors['auth.csrf']);
  }
  const actor = await actorFromUser(deps.db, deps.actorSides, { ...session, id: session.user_id }, 'session', session.id);
  if (!actor) return anonymous;
  if (now - session.last_seen_at > TOUCH_EVERY_MS) {
    // Sliding expiry: an active session lives on, and so must its cookie.
    await deps.db.updateTable('sessions').set({ last_seen_at: now, expires_at: now + SESSION_TTL_MS }).where('id', '=', session.id).execute();
    setSessionCookie(deps, reply, token);
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

/** Signs a user out everywhere but `keepSessionId` (after a password change). */
export async function revokeOtherSessions(db: Db, userId: number, keepSessionId: number | undefined): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId !== undefined) q = q.where('id', '<>', keepSessionId);
  await q.execute();
}

/** Expired sessions are of no use to anyone: a daily sweep deletes them. */
export async function deleteExpiredSessions(db: Db, now: number): Promise<number> {
  const res = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}
