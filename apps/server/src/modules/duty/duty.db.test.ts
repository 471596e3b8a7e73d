import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeCalendar, makeGroup, signIn, type Client } from '../../../test/factories.ts';

// The harness clock: Thursday 2026-11-26 08:00 UTC = 11:30 in Tehran, inside Thursday's 08–13.
let t: TestApp;
let admin: Client;
let group: number;
let agents: Array<{ agentId: number; email: string; client: Client }>;
let analyst: Client;

const settle = async () => {
  await t.ctx.events.dispatchPending();
  await t.ctx.jobs.drain();
};
const newTicket = async (groupId = group) => {
  const res = await analyst.post('/api/v1/tickets', { title: `تماس ${Math.random()}`, type: 'incident', assigneeGroupId: groupId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};
const assigneeOf = async (id: number) => (await admin.get(`/api/v1/tickets/${id}`)).json().assignee.agentId as number | null;
const configure = async (groupId: number, body: object) => {
  const current = (await admin.get(`/api/v1/groups/${groupId}/assignment`)).json();
  const res = await admin.put(`/api/v1/groups/${groupId}/assignment`, { version: current.version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const setDuty = async (client: Client, url: string, body: object) => {
  const current = (await client.get(url)).json();
  return client.put(url, { version: current.version, ...body });
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, (await makeAgent(t, { roles: ['admin', 'manager'] })).email);
  group = await makeGroup(t, 'Network');
  agents = [];
  for (let i = 0; i < 3; i++) {
    const p = await makeAgent(t, { roles: ['analyst'], groupIds: [group] });
    agents.push({ agentId: p.agentId!, email: p.email, client: await signIn(t.app, p.email) });
  }
  // The analyst logging calls is in another group, so never a candidate.
  analyst = await signIn(t.app, (await makeAgent(t, { roles: ['analyst'], groupIds: [await makeGroup(t)] })).email);
});
afterAll(() => t.destroy());

describe('on duty and automatic assignment', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('a ticket for a group that hands nothing out neither waits for nor writes its assignment row', async () => {
    const quiet = await makeGroup(t, 'Quiet');
    const rows = () => t.ctx.db.selectFrom('group_assignment').select('group_id').where('group_id', '=', quiet).execute();
    const id = await newTicket(quiet);
    await settle();
    expect(await assigneeOf(id)).toBeNull();
    // The automatic assignment took no row lock to find it off: it left no default row behind either.
    expect(await rows()).toEqual([]);
    await configure(quiet, { mode: 'off' });
    expect(await rows()).toHaveLength(1);
    const second = await newTicket(quiet);
    await settle();
    expect(await assigneeOf(second)).toBeNull();
  });

  it('an agent marks themself away with a return date and back; the date must lie ahead', async () => {
    const me = agents[0]!.client;
    const before = (await me.get('/api/v1/me/duty')).json();
    expect(before).toMatchObject({ agentId: agents[0]!.agentId, calendarId: null, awayUntil: null, onDutyNow: true, abilities: { update: true } });
    const past = await setDuty(me, '/api/v1/me/duty', { awayUntil: new Date(t.clock.now() - 1000).toISOString() });
    expect([past.statusCode, past.json().code]).toEqual([422, 'duty.away_in_past']);
    const back = new Date(t.clock.now() + 3 * 86_400_000).toISOString();
    const away = await setDuty(me, '/api/v1/me/duty', { awayUntil: back, awayNote: 'مرخصی' });
    expect(away.statusCode, away.body).toBe(200);
    expect(away.json()).toMatchObject({ awayUntil: back, awayNote: 'مرخصی', onDutyNow: false });
    // A colleague sees it but cannot change it; a stale version is refused.
    const seen = await agents[1]!.client.get(`/api/v1/agents/${agents[0]!.agentId}/duty`);
    expect(seen.json()).toMatchObject({ onDutyNow: false, abilities: { update: false } });
    expect((await agents[1]!.client.put(`/api/v1/agents/${agents[0]!.agentId}/duty`, { version: seen.json().version, awayUntil: null })).statusCode).toBe(403);
    expect((await me.put('/api/v1/me/duty', { version: before.version, awayUntil: null })).json().code).toBe('record.stale');
    const returned = await setDuty(me, '/api/v1/me/duty', { awayUntil: null });
    expect(returned.json()).toMatchObject({ awayUntil: null, awayNote: null, onDutyNow: true });
  });

  it('only a supervisor of the group, a manager or an admin switches its assignment; an unknown calendar is refused', async () => {
    const current = (await agents[0]!.client.get(`/api/v1/groups/${group}/assignment`)).json();
    expect(current).toMatchObject({ mode: 'off', maxOpenPerAgent: null, abilities: { update: false } });
    expect(current.onDuty.map((m: { agentId: number }) => m.agentId)).toEqual(agents.map((a) => a.agentId));
    expect((await agents[0]!.client.put(`/api/v1/groups/${group}/assignment`, { version: current.version, mode: 'round_robin' })).statusCode).toBe(403);
    const bad = await admin.put(`/api/v1/groups/${group}/assignment`, { version: current.version, calendarId: 987654 });
    expect([bad.statusCode, bad.json().code]).toEqual([422, 'duty.unknown_calendar']);
    const wrongMode = await admin.put(`/api/v1/groups/${group}/assignment`, { version: current.version, mode: 'random' });
    expect(wrongMode.statusCode).toBe(400);
  });

  it('off by default: a new ticket waits in the group queue', async () => {
    const id = await newTicket();
    await settle();
    expect(await assigneeOf(id)).toBeNull();
  });

  it('round-robin hands new tickets out in turn, skipping whoever is away', async () => {
    await configure(group, { mode: 'round_robin', maxOpenPerAgent: null });
    // The ticket left waiting above is taken by the catch-up sweep, then each new one in turn.
    await t.ctx.jobs.enqueue(t.ctx.db, 'duty.assign_waiting', {});
    await settle();
    const ids = [await newTicket(), await newTicket(), await newTicket()];
    await settle();
    const given = await Promise.all(ids.map(assigneeOf));
    expect(new Set(given)).toEqual(new Set(agents.map((a) => a.agentId)));
    await setDuty(agents[1]!.client, '/api/v1/me/duty', { awayUntil: new Date(t.clock.now() + 86_400_000).toISOString() });
    const more = [await newTicket(), await newTicket(), await newTicket(), await newTicket()];
    await settle();
    const later = await Promise.all(more.map(assigneeOf));
    expect(later).not.toContain(agents[1]!.agentId);
    expect(later.filter((a) => a === agents[0]!.agentId)).toHaveLength(2);
    expect(later.filter((a) => a === agents[2]!.agentId)).toHaveLength(2);
    await setDuty(agents[1]!.client, '/api/v1/me/duty', { awayUntil: null });
  });

  it('least-loaded gives the next ticket to whoever holds the fewest open, and the cap holds', async () => {
    const g = await makeGroup(t);
    const members: number[] = [];
    for (let i = 0; i < 2; i++) members.push((await makeAgent(t, { roles: ['analyst'], groupIds: [g] })).agentId!);
    await configure(g, { mode: 'least_loaded', maxOpenPerAgent: 2 });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await newTicket(g));
    await settle();
    const given = await Promise.all(ids.map(assigneeOf));
    expect(given.filter((a) => a === members[0])).toHaveLength(2);
    expect(given.filter((a) => a === members[1])).toHaveLength(2);
    expect(given.filter((a) => a === null)).toHaveLength(1);
    // Resolving one frees a place: the sweep gives the waiting ticket to that agent.
    const freed = ids[given.indexOf(members[0]!)]!;
    const view = (await admin.get(`/api/v1/tickets/${freed}`)).json();
    expect((await admin.patch(`/api/v1/tickets/${freed}`, { version: view.version, status: 'resolved' })).statusCode).toBe(200);
    await t.ctx.jobs.enqueue(t.ctx.db, 'duty.assign_waiting', {});
    await settle();
    expect(await assigneeOf(ids[given.indexOf(null)]!)).toBe(members[0]);
    const shown = (await admin.get(`/api/v1/groups/${g}/assignment`)).json();
    expect(shown.onDuty.map((m: { openTickets: number }) => m.openTickets)).toEqual([2, 2]);
  });

  it('outside working hours nobody is on duty: tickets wait, and a referral tells only those on duty', async () => {
    const g = await makeGroup(t);
    const day = await makeAgent(t, { roles: ['analyst'], groupIds: [g] });
    const night = await makeAgent(t, { roles: ['analyst'], groupIds: [g] });
    await configure(g, { mode: 'round_robin' });
    // The night agent works by a 24×7 calendar of their own; the group's is Tehran office hours.
    const allDay = (await admin.get('/api/v1/admin/calendars')).json().items.find((c: { builtIn: string | null }) => c.builtIn === '24x7');
    expect((await setDuty(admin, `/api/v1/agents/${night.agentId}/duty`, { calendarId: allDay.id })).statusCode).toBe(200);
    const office = await makeCalendar(t);
    await configure(g, { calendarId: office });

    t.clock.set(Date.UTC(2026, 10, 26, 20, 0, 0)); // Thursday 23:30 in Tehran
    const id = await newTicket(g);
    await settle();
    expect(await assigneeOf(id)).toBe(night.agentId);

    // A referral into the group at night (assignment off, so only the referral speaks): the night
    // agent hears of it, the day agent does not.
    await configure(g, { mode: 'off' });
    const other = await newTicket();
    const view = (await admin.get(`/api/v1/tickets/${other}`)).json();
    const referred = await admin.post(`/api/v1/tickets/${other}/escalations`, { kind: 'functional', groupId: g, reason: 'شبکه', version: view.version });
    expect(referred.statusCode, referred.body).toBeLessThan(300);
    await settle();
    const heard = async (userId: number) =>
      (await t.ctx.db.selectFrom('notifications').select('kind').where('user_id', '=', userId).where('ticket_id', '=', other).where('kind', '=', 'ticket.referred').execute()).length;
    expect(await heard(night.userId)).toBe(1);
    expect(await heard(day.userId)).toBe(0);

    // With the night agent away too, nobody is on duty: the next ticket waits in the queue.
    await configure(g, { mode: 'round_robin' });
    await setDuty(admin, `/api/v1/agents/${night.agentId}/duty`, { awayUntil: new Date(t.clock.now() + 3600_000).toISOString() });
    const waiting = await newTicket(g);
    await settle();
    expect(await assigneeOf(waiting)).toBeNull();
    t.clock.set(Date.UTC(2026, 10, 26, 8, 0, 0));
  });
});
