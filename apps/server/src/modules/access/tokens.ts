import type { FastifyRequest } from 'fastify';
import type { ActorSidesLoader, TokenScope, UserActor } from '../../platform/actor.ts';
import { TOKEN_SCOPES } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { randomToken, sha256Hex } from '../../platform/crypto/index.ts';
import { DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { AccessErrors } from './access.errors.ts';
import { actorFromUser } from './actor-loader.ts';
import { findTokenWithUser, touchApiToken } from './tokens.repository.ts';

/** A personal API token as handed out: a prefix that says what it is (secret scanners know it), then 256 random bits. */
export const TOKEN_PREFIX = 'pkn_';
const TOUCH_EVERY_MS = 60_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The one route a `metrics` scope opens (and the only scope that opens it). */
export const METRICS_PATH = '/metrics';

export function newApiToken(): { token: string; tokenHash: string } {
  const token = TOKEN_PREFIX + randomToken();
  return { token, tokenHash: sha256Hex(token) };
}

export function parseScopes(text: string): TokenScope[] {
  return text.split(',').filter((s): s is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(s));
}

/** The bearer token of a request, if it carries `Authorization: Bearer …`. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new DomainError(AccessErrors['auth.invalid_token']);
  return match[1];
}

/**
 * The actor of a token: its user as they are now (an inactive sign-in or side counts as gone), narrowed by
 * its scopes — without `admin` the admin role is dropped; a read needs `read`, any other method `write`;
 * `/metrics` needs `metrics` and nothing else does. An unknown, expired or revoked token is 401
 * `auth.invalid_token` (never silently anonymous: the caller meant to be someone); a missing scope 403.
 * A token request needs no CSRF token: no browser sends it by itself.
 */
export async function tokenActor(deps: { db: Db; clock: Clock; actorSides: ActorSidesLoader }, request: FastifyRequest, token: string): Promise<UserActor> {
  const now = deps.clock.now();
  const row = token.startsWith(TOKEN_PREFIX) ? await findTokenWithUser(deps.db, sha256Hex(token)) : undefined;
  if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now)) throw new DomainError(AccessErrors['auth.invalid_token']);
  const user = await actorFromUser(deps.db, deps.actorSides, { ...row, id: row.user_id }, 'token');
  if (!user || (!user.agent && !user.contact)) throw new DomainError(AccessErrors['auth.invalid_token']);
  const scopes = parseScopes(row.scopes);
  const path = request.url.split('?')[0];
  const needed: TokenScope = path === METRICS_PATH ? 'metrics' : SAFE_METHODS.has(request.method) ? 'read' : 'write';
  if (!scopes.includes(needed)) throw new DomainError(AccessErrors['auth.token_scope'], { needed });
  if (row.last_used_at === null || now - row.last_used_at > TOUCH_EVERY_MS) await touchApiToken(deps.db, row.id, now, request.ip ?? null);
  const agent = user.agent && !scopes.includes('admin') && user.agent.roles.has('admin') ? { ...user.agent, roles: new Set([...user.agent.roles].filter((r) => r !== 'admin')) } : user.agent;
  return { ...user, agent, tokenId: row.id, tokenScopes: scopes };
}
