import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgent, makeContact, makeGroup, makeOrganization, signIn, type Client, type Person } from '../../../test/factories.ts';

/**
 * Test helpers shared by the tickets core tests (not a test file itself): a small desk of two
 * groups with people in every role, and shortcuts over the HTTP API.
 */

export interface Member extends Person {
  client: Client;
}

export interface Desk {
  groupA: number;
  groupB: number;
  analystA: Member;
  analystA2: Member;
  supervisorA: Member;
  analystB: Member;
  supervisorB: Member;
  manager: Member;
  crm: Member;
  adminOnly: Member;
  /** Organisation whose members see each other's tickets; crm is its account manager. */
  sharingOrg: number;
  /** Organisation whose members do not see each other's tickets. */
  privateOrg: number;
  contactShared: Member;
  colleagueShared: Member;
  contactPrivate: Member;
  colleaguePrivate: Member;
}

async function member(t: TestApp, person: Promise<Person>): Promise<Member> {
  const p = await person;
  return { ...p, client: await signIn(t.app, p.email) };
}

export async function makeDesk(t: TestApp): Promise<Desk> {
  const groupA = await makeGroup(t, 'A');
  const groupB = await makeGroup(t, 'B');
  const crm = await member(t, makeAgent(t, { roles: ['crm'] }));
  const sharingOrg = await makeOrganization(t, { accountManagerId: crm.agentId!, membersSeeEachOther: true });
  const privateOrg = await makeOrganization(t, { membersSeeEachOther: false });
  return {
    groupA,
    groupB,
    analystA: await member(t, makeAgent(t, { roles: ['analyst'], groupIds: [groupA] })),
    analystA2: await member(t, makeAgent(t, { roles: ['analyst'], groupIds: [groupA] })),
    supervisorA: await member(t, makeAgent(t, { roles: ['supervisor'], groupIds: [groupA] })),
    analystB: await member(t, makeAgent(t, { roles: ['analyst'], groupIds: [groupB] })),
    supervisorB: await member(t, makeAgent(t, { roles: ['supervisor'], groupIds: [groupB] })),
    manager: await member(t, makeAgent(t, { roles: ['manager'] })),
    crm,
    adminOnly: await member(t, makeAgent(t, { roles: ['admin'] })),
    sharingOrg,
    privateOrg,
    contactShared: await member(t, makeContact(t, { organizationId: sharingOrg })),
    colleagueShared: await member(t, makeContact(t, { organizationId: sharingOrg })),
    contactPrivate: await member(t, makeContact(t, { organizationId: privateOrg })),
    colleaguePrivate: await member(t, makeContact(t, { organizationId: privateOrg })),
  };
}

export function expectStatus(res: LightMyRequestResponse, status: number): any {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.body ? res.json() : undefined;
}

/** Creates a ticket through the API and returns its JSON (201 expected). */
export async function openTicket(client: Client, body: Record<string, unknown> = {}): Promise<any> {
  return expectStatus(await client.post('/api/v1/tickets', { title: 'Printer is down', type: 'incident', impact: 2, urgency: 2, ...body }), 201);
}

/** PATCHes with the ticket's current version (read first) and returns the response. */
export async function patchCurrent(client: Client, id: number, body: Record<string, unknown>): Promise<LightMyRequestResponse> {
  const current = expectStatus(await client.get(`/api/v1/tickets/${id}`), 200);
  return client.patch(`/api/v1/tickets/${id}`, { version: current.version, ...body });
}

/** Events of a ticket in the outbox, oldest first. */
export async function outboxOf(t: TestApp, ticketId: number, event?: string): Promise<Array<{ event: string; payload: any }>> {
  let q = t.ctx.db.selectFrom('outbox').select(['event', 'payload']).orderBy('id');
  if (event) q = q.where('event', '=', event);
  const rows = await q.execute();
  return rows
    .map((r) => ({ event: r.event, payload: JSON.parse(r.payload) }))
    .filter((r) => r.payload.ticketId === ticketId || r.payload.sourceTicketId === ticketId);
}

/** A fresh app with the desk of makeDesk, and the id of the first-line group ("Service Desk"). */
export async function deskTestApp(): Promise<{ t: TestApp; d: Desk; serviceDesk: number }> {
  const t = await createTestApp();
  const d = await makeDesk(t);
  const serviceDesk = (await t.ctx.db.selectFrom('groups').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  return { t, d, serviceDesk };
}
