import { generate as generateTotp } from 'otplib';
import { newApiToken } from '../../src/modules/access/tokens.ts';
import { newTotpSecret, sealTotpSecret } from '../../src/modules/access/totp.ts';
import type { TestApp } from '../harness.ts';
import { unique } from './common.ts';

/** A personal API token of a user, inserted directly: its id and the bearer header that carries it. */
export async function makeApiToken(t: TestApp, userId: number, scopes: string[], expiresAt: number | null = null): Promise<{ id: number; token: string; headers: Record<string, string> }> {
  const { token, tokenHash } = newApiToken();
  const { id } = await t.ctx.db
    .insertInto('api_tokens')
    .values({ user_id: userId, name: `token ${unique()}`, token_hash: tokenHash, scopes: [...scopes].sort().join(','), created_at: t.clock.now(), expires_at: expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, token, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } };
}

/** A second factor of a sign-in, inserted directly (confirmed unless `pending`): its secret, and the current code by the test clock. */
export async function makeTotp(t: TestApp, userId: number, options: { pending?: boolean } = {}): Promise<{ secret: string; code: () => Promise<string> }> {
  const secret = newTotpSecret();
  const now = t.clock.now();
  await t.ctx.db
    .insertInto('user_totp')
    .values({ user_id: userId, secret_sealed: sealTotpSecret(t.ctx.sealKeys, userId, secret), confirmed_at: options.pending ? null : now, last_time_step: null, created_at: now, updated_at: now })
    .execute();
  return { secret, code: () => generateTotp({ secret, epoch: Math.floor(t.clock.now() / 1000) }) };
}
