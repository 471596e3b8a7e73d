import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOver, startServerProcess, type ServerProcess } from '../../../test/fixtures/server-process.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database.ts';
import { transaction } from '../../platform/db/index.ts';
import { hashPassword, insertUser } from './index.ts';
import { insertAgent } from '../people/index.ts';
import { ActorCache } from './actor-cache.ts';

// ADR 0015: each process reuses a session's actor for at most PISHKHAN_ACTOR_CACHE_MS (900 ms by
// default). Two real `pishkhan start` processes share one database: what one process changes —
// sign-out, deactivation, a role taken away — must reach the other within one second, while the
// other has the actor cached (it was read just before). Without the bound (an actor cached for
// good) these fail.
const PASSWORD = 'two-process-password-1403';
let db: TestDatabase;
let a: ServerProcess;
let b: ServerProcess;
const agents: Record<string, { userId: number; agentId: number; email: string }> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  const hash = await hashPassword(PASSWORD);
  await transaction(db.database.kysely, async (trx) => {
    for (const name of ['signout', 'deactivate', 'demote', 'admin']) {
      const email = `${name}@example.test`;
      const userId = await insertUser(trx, { email, passwordHash: hash, mustChangePassword: false, locale: 'en', now: Date.now() });
      const agentId = await insertAgent(trx, { userId, name, roles: name === 'admin' ? ['admin'] : ['analyst', 'manager'], groupIds: [], now: Date.now() });
      agents[name] = { userId, agentId, email };
    }
  });
  a = await startServerProcess(db);
  b = await startServerProcess(db);
}, 180_000);
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await db?.drop();
});

const signIn = async (server: ServerProcess, email: string) => ({ ...(await signInOver(server.url, email, PASSWORD)), 'content-type': 'application/json' });

const get = (server: ServerProcess, path: string, headers: Record<string, string>) => fetch(`${server.url}${path}`, { headers });

type Me = { me: { agent: { roles: string[] } | null } };

/**
 * Reads the session on B until `seen` holds; returns how long after `since` the first request that
 * saw it was sent (ms) — the bound is on when a request sees the change, not on how slowly a
 * loaded machine answers it.
 */
async function seenWithin(headers: Record<string, string>, seen: (status: number, body: Me | null) => boolean, since: number): Promise<number> {
  for (;;) {
    const sent = performance.now();
    const res = await get(b, '/api/v1/session', headers);
    const body = res.status === 200 ? ((await res.json()) as Me) : (await res.arrayBuffer(), null);
    if (seen(res.status, body)) return sent - since;
    if (performance.now() - since > 5000) return Infinity;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the actor cache across two processes', () => {
  it('a sign-out on one process is refused on the other within 1 s', async () => {
    const headers = await signIn(a, agents.signout!.email);
    // B reads (and caches) the actor, then A ends the session.
    expect((await get(b, '/api/v1/session', headers)).status).toBe(200);
    expect((await get(b, '/api/v1/session', headers)).status).toBe(200);
    const { 'content-type': _, ...bodiless } = headers;
    const res = await fetch(`${a.url}/api/v1/session`, { method: 'DELETE', headers: bodiless });
    expect(res.status).toBe(204);
    const since = performance.now();
    expect(await seenWithin(headers, (s) => s === 401, since)).toBeLessThan(1000);
    // And on A itself at once (its own sign-out forgets the session).
    expect((await get(a, '/api/v1/session', headers)).status).toBe(401);
  });

  it('a deactivated agent is refused on the other process within 1 s', async () => {
    const admin = await signIn(a, agents.admin!.email);
    const headers = await signIn(a, agents.deactivate!.email);
    expect(((await (await get(b, '/api/v1/session', headers)).json()) as Me).me.agent).not.toBeNull();
    const agent = (await (await get(a, `/api/v1/agents/${agents.deactivate!.agentId}`, admin)).json()) as { version: number };
    const res = await fetch(`${a.url}/api/v1/agents/${agents.deactivate!.agentId}`, { method: 'PATCH', headers: admin, body: JSON.stringify({ version: agent.version, active: false }) });
    expect(res.status, await res.clone().text()).toBe(200);
    const since = performance.now();
    // Deactivating an agent revokes every session of its sign-in (issue 7).
    expect(await seenWithin(headers, (s) => s === 401, since)).toBeLessThan(1000);
  });

  it('a role taken away on one process is gone on the other within 1 s', async () => {
    const admin = await signIn(a, agents.admin!.email);
    const headers = await signIn(a, agents.demote!.email);
    expect(((await (await get(b, '/api/v1/session', headers)).json()) as Me).me.agent!.roles).toEqual(['analyst', 'manager']);
    const agent = (await (await get(a, `/api/v1/agents/${agents.demote!.agentId}`, admin)).json()) as { version: number };
    const res = await fetch(`${a.url}/api/v1/agents/${agents.demote!.agentId}`, { method: 'PATCH', headers: admin, body: JSON.stringify({ version: agent.version, roles: ['crm'] }) });
    expect(res.status, await res.clone().text()).toBe(200);
    const since = performance.now();
    expect(await seenWithin(headers, (s, body) => s === 200 && body!.me.agent?.roles.join() === 'crm', since)).toBeLessThan(1000);
  });
});

describe('ActorCache', () => {
  it('serves an entry for less than its time to live, then forgets it; bounded; off at 0', () => {
    let now = 0;
    const cache = new ActorCache(900, 2, () => now);
    const entry = { session: null, actor: null };
    cache.set('a', entry);
    now = 899;
    expect(cache.get('a')).toBe(entry);
    now = 900;
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', entry);
    cache.set('b', entry);
    cache.set('c', entry);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toBe(entry);
    cache.delete('c');
    expect(cache.get('c')).toBeUndefined();
    const off = new ActorCache(0, 10, () => now);
    off.set('a', entry);
    expect(off.get('a')).toBeUndefined();
  });
});
