import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { consumeOneTimeToken, issueOneTimeToken, sha256Hex } from './index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.destroy());

describe('one-time tokens', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('stores only the SHA-256 and yields the subject exactly once', async () => {
    const token = await issueOneTimeToken(t.ctx.db, t.clock, { purpose: 'password_reset', subject: '42', ttlMs: 60_000 });
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows = await t.ctx.db.selectFrom('one_time_tokens').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).toContain(sha256Hex(token));
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    expect(await consumeOneTimeToken(t.ctx.db, t.clock, { purpose: 'invitation', token })).toBeNull();
    expect(await consumeOneTimeToken(t.ctx.db, t.clock, { purpose: 'password_reset', token })).toBe('42');
    expect(await consumeOneTimeToken(t.ctx.db, t.clock, { purpose: 'password_reset', token })).toBeNull();
  });

  it('expires', async () => {
    const token = await issueOneTimeToken(t.ctx.db, t.clock, { purpose: 'password_reset', subject: '7', ttlMs: 1000 });
    t.clock.advance(1001);
    expect(await consumeOneTimeToken(t.ctx.db, t.clock, { purpose: 'password_reset', token })).toBeNull();
  });

  it('is used once even when consumed concurrently', async () => {
    const token = await issueOneTimeToken(t.ctx.db, t.clock, { purpose: 'invitation', subject: '9', ttlMs: 60_000 });
    const results = await Promise.all(Array.from({ length: 8 }, () => consumeOneTimeToken(t.ctx.db, t.clock, { purpose: 'invitation', token })));
    expect(results.filter((r) => r === '9')).toHaveLength(1);
  });
});
