import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import type { LightMyRequestResponse } from 'fastify';
import type { Client } from '../../../test/factories.ts';
import { file, upload } from './attachments.test-support.ts';
import { expectStatus, deskTestApp, openTicket, patchCurrent, type Desk } from './tickets.test-kit.ts';

/**
 * The abilities a reader is shown are what the commands answer: for every status and role, each
 * action the ticket says is possible succeeds (2xx), and each it says is not is refused
 * (403/404/409) — through the API, on a ticket in exactly that state.
 */

let t: TestApp;
let d: Desk;
beforeAll(async () => ({ t, d } = await deskTestApp()));
afterAll(() => t.destroy());

const STATUSES = ['new', 'open', 'pending_customer', 'pending_third_party', 'resolved', 'closed'] as const;
type Status = (typeof STATUSES)[number];
const ROLES = ['analyst of the group', 'supervisor', 'manager', 'crm', 'requester', 'foreign contact'] as const;
type Role = (typeof ROLES)[number];

function clientOf(role: Role): Client {
  const member = {
    'analyst of the group': d.analystA2,
    supervisor: d.supervisorA,
    manager: d.manager,
    crm: d.crm,
    requester: d.contactShared,
    'foreign contact': d.contactPrivate,
  }[role];
  return member.client;
}

interface Action {
  ability: string;
  /** Whether the ticket must be escalated first (acknowledging needs an escalation to acknowledge). */
  escalated?: boolean;
  run(client: Client, id: number, version: number): Promise<LightMyRequestResponse>;
}

const ACTIONS: Record<string, Action> = {
  update: { ability: 'update', run: (c, id, version) => c.patch(`/api/v1/tickets/${id}`, { version, title: 'edited' }) },
  reassign: { ability: 'reassign', run: (c, id, version) => c.patch(`/api/v1/tickets/${id}`, { version, assigneeAgentId: d.analystA2.agentId }) },
  escalate: { ability: 'escalate', run: (c, id) => c.post(`/api/v1/tickets/${id}/escalations`, { kind: 'hierarchical', reason: 'needs a decision' }) },
  acknowledge: { ability: 'acknowledgeEscalation', escalated: true, run: (c, id) => c.post(`/api/v1/tickets/${id}/escalation/acknowledge`, {}) },
  deescalate: { ability: 'acknowledgeEscalation', escalated: true, run: (c, id) => c.post(`/api/v1/tickets/${id}/escalation/deescalate`, {}) },
  confirm: { ability: 'confirm', run: (c, id) => c.post(`/api/v1/tickets/${id}/confirm`, {}) },
  reopen: { ability: 'reopen', run: (c, id) => c.post(`/api/v1/tickets/${id}/reopen`, {}) },
  reply: { ability: 'reply', run: (c, id) => c.post(`/api/v1/tickets/${id}/replies`, { body: 'a reply' }) },
  note: { ability: 'note', run: (c, id) => c.post(`/api/v1/tickets/${id}/notes`, { body: 'a note' }) },
  attach: { ability: 'attach', run: (c, id) => upload(c, id, [file('notes.txt', 'hello', 'text/plain')]) },
};

/** A ticket of group A, held by analystA, requested by contactShared (crm manages the account), in `status`. */
async function ticketIn(status: Status, escalated: boolean): Promise<number> {
  const { id } = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId, assigneeAgentId: d.analystA.agentId });
  if (escalated) expectStatus(await d.analystA.client.post(`/api/v1/tickets/${id}/escalations`, { kind: 'hierarchical', reason: 'x' }), 200);
  if (status === 'new') return id;
  expectStatus(await patchCurrent(d.analystA.client, id, { status: status === 'closed' ? 'resolved' : status }), 200);
  if (status === 'closed') expectStatus(await d.analystA.client.post(`/api/v1/tickets/${id}/confirm`, {}), 200);
  return id;
}

describe('abilities agree with the commands', () => {
  for (const [name, action] of Object.entries(ACTIONS)) {
    it(`${name}: for every status and role, shown ⇔ allowed`, async () => {
      const mismatches: string[] = [];
      for (const status of STATUSES) {
        // A refused action changes nothing, so one ticket serves until an action succeeds.
        let id: number | undefined;
        for (const role of ROLES) {
          id ??= await ticketIn(status, !!action.escalated);
          const client = clientOf(role);
          const read = await client.get(`/api/v1/tickets/${id}`);
          const shown = read.statusCode === 200 ? read.json().abilities[action.ability] === true : false;
          const version = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${id}`), 200).version;
          const res = await action.run(client, id, version);
          const allowed = res.statusCode >= 200 && res.statusCode < 300;
          if (allowed !== shown) mismatches.push(`${status} / ${role}: shown ${shown}, answered ${res.statusCode} ${res.body.slice(0, 120)}`);
          if (!allowed && ![403, 404, 409].includes(res.statusCode)) mismatches.push(`${status} / ${role}: refused with ${res.statusCode} ${res.body.slice(0, 120)}`);
          if (read.statusCode === 404 && res.statusCode !== 404) mismatches.push(`${status} / ${role}: cannot see it, answered ${res.statusCode}`);
          if (allowed) id = undefined;
        }
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('a closed ticket offers no public reply, update or escalation to anyone; the desk may still note it and attach files', async () => {
    const id = await ticketIn('closed', false);
    for (const role of ROLES.slice(0, 5)) {
      const abilities = expectStatus(await clientOf(role).get(`/api/v1/tickets/${id}`), 200).abilities;
      expect(abilities, role).toMatchObject({ reply: false, update: false, reassign: false, escalate: false, confirm: false, reopen: false });
    }
    expect(expectStatus(await d.analystA2.client.get(`/api/v1/tickets/${id}`), 200).abilities).toMatchObject({ note: true, attach: true });
    expect(expectStatus(await d.contactShared.client.get(`/api/v1/tickets/${id}`), 200).abilities.attach).toBe(false);
  });
});
