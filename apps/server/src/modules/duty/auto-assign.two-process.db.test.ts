import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOver, startServerProcess, type ServerProcess } from '../../../test/fixtures/server-process.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database.ts';
import { transaction } from '../../platform/db/index.ts';
import { hashPassword, insertUser } from '../access/index.ts';
import { insertAgent, insertGroup } from '../people/index.ts';

// The cap of open tickets per agent holds when two real `pishkhan start` processes assign at once:
// 50 tickets created in parallel, half through each process, into a group of 3 agents with a cap of
// 10 — exactly 30 are assigned, nobody holds more than 10, and the other 20 wait in the group queue.
// SQLite is one process by design (two writers answer SQLITE_BUSY): there one process takes all 50
// at once, its requests and its jobs interleaving.
const PASSWORD = 'two-process-password-1405';
const AGENTS = 3;
const CAP = 10;
const TICKETS = 50;
let db: TestDatabase;
let a: ServerProcess;
let b: ServerProcess;
let groupId: number;
const memberIds: number[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const hash = await hashPassword(PASSWORD);
  const now = Date.now();
  await transaction(db.database.kysely, async (trx) => {
    groupId = await insertGroup(trx, { name: 'Two-process desk', nameEn: null, description: null, active: true, now });
    for (const name of ['admin', 'caller']) {
      const userId = await insertUser(trx, { email: `${name}@example.test`, passwordHash: hash, mustChangePassword: false, locale: 'en', now });
      await insertAgent(trx, { userId, name, roles: name === 'admin' ? ['admin', 'manager'] : ['analyst'], groupIds: [], now });
    }
    for (let i = 0; i < AGENTS; i++) {
      const userId = await insertUser(trx, { email: `member${i}@example.test`, passwordHash: hash, mustChangePassword: false, locale: 'en', now });
      memberIds.push(await insertAgent(trx, { userId, name: `member ${i}`, roles: ['analyst'], groupIds: [groupId], now }));
    }
  });
  // Both processes are ready before the first ticket.
  if (db.config.dialect === 'postgres') [a, b] = await Promise.all([startServerProcess(db), startServerProcess(db)]);
  else b = a = await startServerProcess(db);
}, 180_000);
afterAll(async () => {
  await a?.stop();
  if (b !== a) await b?.stop();
  await db?.drop();
});

const signIn = async (server: ServerProcess, email: string) => ({ ...(await signInOver(server.url, email, PASSWORD)), 'content-type': 'application/json' });

describe('automatic assignment across two processes (PostgreSQL)', () => {
  it(`holds the cap: ${TICKETS} tickets created in parallel, ${AGENTS} agents at ${CAP} each`, async () => {
    const admin = await signIn(a, 'admin@example.test');
    // Round the clock, so the test does not depend on the hour it runs at.
    const calendars = (await (await fetch(`${a.url}/api/v1/admin/calendars`, { headers: admin })).json()) as { items: Array<{ id: number; builtIn: string | null }> };
    const allDay = calendars.items.find((c) => c.builtIn === '24x7')!;
    const current = (await (await fetch(`${a.url}/api/v1/groups/${groupId}/assignment`, { headers: admin })).json()) as { version: number };
    const configured = await fetch(`${a.url}/api/v1/groups/${groupId}/assignment`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ version: current.version, mode: 'least_loaded', maxOpenPerAgent: CAP, calendarId: allDay.id }),
    });
    expect(configured.status, await configured.clone().text()).toBe(200);

    const callers = [await signIn(a, 'caller@example.test'), await signIn(b, 'caller@example.test')];
    const created = await Promise.all(
      Array.from({ length: TICKETS }, async (_, i) => {
        const server = i % 2 === 0 ? a : b;
        const res = await fetch(`${server.url}/api/v1/tickets`, { method: 'POST', headers: callers[i % 2]!, body: JSON.stringify({ title: `تماس ${i}`, type: 'incident', assigneeGroupId: groupId }) });
        expect(res.status).toBe(201);
        return ((await res.json()) as { id: number }).id;
      }),
    );
    expect(new Set(created).size).toBe(TICKETS);

    // Wait until every auto-assignment has run: it runs inline in the dispatch of each ticket.created
    // (ADR 0031), so every event dispatched and no duty job (one that failed inline) ready or running.
    const k = db.database.kysely;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const pending = await k.selectFrom('jobs').select((eb) => eb.fn.countAll<number | string>().as('n')).where('name', 'like', 'duty.%').where('status', 'in', ['ready', 'running']).executeTakeFirstOrThrow();
      const undispatched = await k.selectFrom('outbox').select((eb) => eb.fn.countAll<number | string>().as('n')).where('event', 'in', ['ticket.created', 'ticket.assigned']).where('dispatched_at', 'is', null).executeTakeFirstOrThrow();
      if (Number(pending.n) === 0 && Number(undispatched.n) === 0) break;
      expect(Date.now(), `auto-assignment did not finish: ${pending.n} pending, ${undispatched.n} undispatched`).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 200));
    }
    const rows = await k.selectFrom('tickets').select(['assignee_agent_id']).where('id', 'in', created).execute();
    const perAgent = new Map<number, number>();
    for (const r of rows) if (r.assignee_agent_id !== null) perAgent.set(Number(r.assignee_agent_id), (perAgent.get(Number(r.assignee_agent_id)) ?? 0) + 1);
    expect([...perAgent.keys()].sort((x, y) => x - y)).toEqual([...memberIds].sort((x, y) => x - y));
    expect([...perAgent.values()]).toEqual([CAP, CAP, CAP]);
    expect(rows.filter((r) => r.assignee_agent_id === null)).toHaveLength(TICKETS - AGENTS * CAP);
  }, 240_000);
});
