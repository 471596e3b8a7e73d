import type { CreateTokenBody } from '@pishkhan/contracts';
import type { Actor, TokenScope } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { requireUser } from '../../../platform/policy/index.ts';
import type { AccessContext } from '../access.context.ts';
import { AccessErrors } from '../access.errors.ts';
import { newApiToken } from '../tokens.ts';
import { findApiToken, insertApiToken } from '../tokens.repository.ts';
import { recordAudit } from '../../audit/index.ts';

/**
 * Creates a personal API token for the signed-in user (a session, never another token: a leaked
 * token must not mint more). `admin` only for an admin, `metrics` for anyone who may be scraped
 * (admins). Returns the token once; only its SHA-256 is stored.
 */
export const createApiToken = defineCommand(
  'token.create',
  async (ctx: AccessContext, input: { actor: Actor } & CreateTokenBody) => {
    const actor = requireUser(input.actor);
    if (actor.via !== 'session') throw new DomainError(AccessErrors['auth.token_needs_session']);
    const isAdmin = actor.agent?.roles.has('admin') ?? false;
    const scopes = [...new Set(input.scopes)].sort() as TokenScope[];
    if (!isAdmin && scopes.some((s) => s === 'admin' || s === 'metrics')) throw new DomainError(AccessErrors['auth.token_scope'], { needed: 'admin' });
    const now = ctx.clock.now();
    const { token, tokenHash } = newApiToken();
    const id = await insertApiToken(ctx.db, {
      userId: actor.userId,
      name: input.name,
      tokenHash,
      scopes: scopes.join(','),
      now,
      expiresAt: input.expiresInDays === undefined ? null : now + input.expiresInDays * 24 * 3600_000,
    });
    await recordAudit(ctx, actor, 'token.created', { targetType: 'api_token', targetId: id, details: { name: input.name, scopes } });
    return { token, row: (await findApiToken(ctx.db, id))! };
  },
);
