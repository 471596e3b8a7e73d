import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import type { Client } from '../../../test/factories.ts';
import { deskTestApp, expectStatus, openTicket, patchCurrent, type Desk } from './tickets.test-kit.ts';

// The timeline tells the story: status changes, assignments, escalations (functional, hierarchical,
// acknowledged, withdrawn), the referral's return, merges and relations are system events; ids are
// stored, names rendered in the reader's language when read; contacts see only what is meant for them.

let t: TestApp;
let d: Desk;
let groupAName: string;
let groupBName: string;
let story: number;
let second: number;
let merged: number;

beforeAll(async () => {
  ({ t, d } = await deskTestApp());
  // Persian names for the fa reader, English ones for the en reader.
  await t.ctx.db.updateTable('groups').set({ name: 'میز اول', name_en: 'First line desk' }).where('id', '=', d.groupA).execute();
  groupAName = 'First line desk';
  await t.ctx.db.updateTable('groups').set({ name: 'گروه شبکه', name_en: 'Network team' }).where('id', '=', d.groupB).execute();
  groupBName = 'Network team';

  const a = d.analystA.client;
  const ticket = await openTicket(a, { requesterContactId: d.contactShared.contactId, assigneeGroupId: d.groupA });
  story = ticket.id;
  expectStatus(await patchCurrent(a, story, { assigneeAgentId: d.analystA.agentId }), 200);
  expectStatus(await patchCurrent(a, story, { status: 'pending_customer' }), 200);
  expectStatus(await patchCurrent(a, story, { status: 'open' }), 200);
  expectStatus(await a.post(`/api/v1/tickets/${story}/escalations`, { kind: 'functional', groupId: d.groupB, reason: 'needs the network team' }), 200);
  expectStatus(await patchCurrent(d.analystB.client, story, { assigneeAgentId: d.analystB.agentId }), 200);
  expectStatus(await patchCurrent(d.analystB.client, story, { status: 'resolved' }), 200);

  second = (await openTicket(a, { assigneeGroupId: d.groupA, assigneeAgentId: d.analystA.agentId })).id;
  expectStatus(await a.post(`/api/v1/tickets/${second}/escalations`, { kind: 'hierarchical', reason: 'customer is waiting' }), 200);
  expectStatus(await d.supervisorA.client.post(`/api/v1/tickets/${second}/escalation/acknowledge`, {}), 200);
  expectStatus(await d.supervisorA.client.post(`/api/v1/tickets/${second}/escalation/deescalate`, {}), 200);
  const relation = expectStatus(await a.post(`/api/v1/tickets/${second}/relations`, { kind: 'parent_child', targetTicketId: story }), 201);
  expectStatus(await a.delete(`/api/v1/tickets/${second}/relations/${relation.id}`), 204);

  merged = (await openTicket(a, { requesterContactId: d.contactShared.contactId, assigneeGroupId: d.groupA, description: 'My screen flickers since Monday.' })).id;
  expectStatus(await a.post(`/api/v1/tickets/${merged}/merge`, { intoTicketId: second }), 200);
});
afterAll(() => t.destroy());

async function timeline(client: Client, id: number, lang: 'fa' | 'en'): Promise<any[]> {
  const res = await client.request({ method: 'GET', url: `/api/v1/tickets/${id}/articles?limit=200`, headers: { 'accept-language': lang } });
  return expectStatus(res, 200).items;
}
const events = (items: any[]) => items.filter((i) => i.kind === 'event');

describe('a timeline that tells the story', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('every status change, assignment, referral and its return is an event, with names in the reader’s language', async () => {
    const en = events(await timeline(d.analystA.client, story, 'en'));
    // Taking a new ticket opens it: the status change comes with the assignment.
    expect(en.map((e) => e.eventType)).toEqual([
      'ticket.status_changed',
      'ticket.assigned',
      'ticket.status_changed',
      'ticket.status_changed',
      'ticket.escalated',
      'ticket.assigned',
      'ticket.status_changed',
      'ticket.referral_returned',
      'ticket.related',
      'ticket.unrelated',
    ]);
    const texts = en.map((e) => e.eventText);
    expect(texts[0]).toBe('Status changed from "new" to "open".');
    expect(texts[1]).toBe(`Assigned to ${d.analystA.email}.`);
    expect(texts[2]).toBe('Status changed from "open" to "pending customer".');
    expect(texts[4]).toBe(`Referred to the group ${groupBName}. Reason: needs the network team`);
    expect(texts[5]).toBe(`Assigned to ${d.analystB.email}.`);
    expect(texts[7]).toBe(`Resolved: back to ${d.analystA.email} in the owner group ${groupAName}.`);
    const secondNumber = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${second}`), 200).number;
    expect(texts[8]).toBe(`Linked to the parent ticket #${secondNumber}.`);
    expect(en[4].eventData).toMatchObject({ kind: 'functional', groupId: d.groupB, fromGroupId: d.groupA });
    expect(en.every((e) => e.body === '')).toBe(true);

    const fa = events(await timeline(d.analystA.client, story, 'fa')).map((e) => e.eventText);
    expect(fa[2]).toBe('وضعیت از «باز» به «در انتظار مشتری» رسید.');
    expect(fa[4]).toBe('به گروه گروه شبکه ارجاع شد. دلیل: needs the network team');
    expect(fa[6]).toBe('وضعیت از «باز» به «حل‌شده» رسید.');
  });

  it('hierarchical escalation, its acknowledgement and withdrawal; relations on both tickets', async () => {
    const en = events(await timeline(d.analystA.client, second, 'en'));
    expect(en.map((e) => e.eventType)).toEqual([
      'ticket.escalated',
      'ticket.escalation_acknowledged',
      'ticket.deescalated',
      'ticket.related',
      'ticket.unrelated',
      'ticket.merged_from',
    ]);
    expect(en[0].eventText).toBe("Escalated to the group's supervisors (level 1). Reason: customer is waiting");
    expect(en[0].eventData).toEqual({ kind: 'hierarchical', level: 1, reason: 'customer is waiting' });
    const storyNumber = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${story}`), 200).number;
    expect(en[3].eventText).toBe(`Linked to the child ticket #${storyNumber}.`);
    expect(en[4].eventText).toBe(`Unlinked from the child ticket #${storyNumber}.`);
  });

  it('merge: both timelines tell it, and the source’s description arrives as an article the requester sees', async () => {
    const mergedNumber = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${merged}`), 200).number;
    const target = await timeline(d.analystA.client, second, 'en');
    expect(events(target).at(-1).eventText).toBe(`#${mergedNumber} was merged into this ticket.`);
    const carried = target.find((i) => i.body === 'My screen flickers since Monday.');
    expect(carried).toMatchObject({ kind: 'reply', internal: false, originalTicketId: merged });
    const source = events(await timeline(d.analystA.client, merged, 'fa'));
    expect(source.map((e) => e.eventType)).toEqual(['ticket.merged_into']);
    const byContact = await timeline(d.contactShared.client, second, 'en');
    expect(byContact.some((i) => i.body === 'My screen flickers since Monday.')).toBe(true);
  });

  it('a contact sees status changes and merges — never assignments, escalations, relations or group names', async () => {
    for (const lang of ['fa', 'en'] as const) {
      const items = await timeline(d.contactShared.client, story, lang);
      expect(events(items).map((e) => e.eventType)).toEqual(Array(4).fill('ticket.status_changed'));
      const text = JSON.stringify(items);
      for (const secret of [groupAName, groupBName, 'میز اول', 'گروه شبکه', 'needs the network team']) expect(text).not.toContain(secret);
      expect(events(items).every((e) => Object.keys(e.eventData).sort().join() === 'from,to')).toBe(true);
    }
  });

  it('history presents names beside ids, in the reader’s language', async () => {
    const res = await d.analystA.client.request({ method: 'GET', url: `/api/v1/tickets/${story}/history`, headers: { 'accept-language': 'fa' } });
    const items = expectStatus(res, 200).items as any[];
    const group = items.find((i) => i.field === 'assigneeGroupId' && i.newValue === String(d.groupB));
    expect(group).toMatchObject({ oldValue: String(d.groupA), oldLabel: 'میز اول', newLabel: 'گروه شبکه' });
    const status = items.find((i) => i.field === 'status' && i.newValue === 'pending_customer');
    expect(status).toMatchObject({ oldLabel: 'باز', newLabel: 'در انتظار مشتری' });
    const agent = items.find((i) => i.field === 'assigneeAgentId' && i.newValue === String(d.analystB.agentId));
    expect(agent.newLabel).toBe(d.analystB.email);
    expect(items.find((i) => i.field === 'escalationReason').newLabel).toBeNull();
    const en = expectStatus(await d.analystA.client.request({ method: 'GET', url: `/api/v1/tickets/${story}/history`, headers: { 'accept-language': 'en' } }), 200).items as any[];
    expect(en.find((i) => i.field === 'assigneeGroupId' && i.newValue === String(d.groupB)).newLabel).toBe('Network team');
  });
});
