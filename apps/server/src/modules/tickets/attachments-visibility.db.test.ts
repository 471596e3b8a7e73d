import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { deskTestApp, expectStatus, openTicket, type Desk } from './tickets.test-kit.ts';
import { file, upload } from './attachments.test-support.ts';

// A file an agent uploads is a draft of the desk until it is sent in a public reply: the requester
// sees the files of public replies and their own uploads, never the desk's drafts or notes' files.

let t: TestApp;
let d: Desk;
beforeAll(async () => ({ t, d } = await deskTestApp()));
afterAll(() => t.destroy());

const listIds = async (client: any, ticketId: number) => (expectStatus(await client.get(`/api/v1/tickets/${ticketId}/attachments?limit=200`), 200).items as any[]).map((a) => a.id);
const download = (client: any, id: number) => client.get(`/api/v1/attachments/${id}/content`);
const articleFiles = async (client: any, ticketId: number) =>
  (expectStatus(await client.get(`/api/v1/tickets/${ticketId}/articles?limit=200`), 200).items as any[]).flatMap((a) => (a.attachments ?? []).map((f: any) => f.id));

describe('which files a requester sees', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it("hides an agent's unsent upload from the requester until a public reply sends it; notes' files stay inside", async () => {
    const ticket = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
    const draft = expectStatus(await upload(d.analystA.client, ticket.id, [file('draft.txt', 'not yet', 'text/plain')]), 201).items[0];
    const noted = expectStatus(await upload(d.analystA.client, ticket.id, [file('noted.txt', 'desk only', 'text/plain')]), 201).items[0];
    const own = expectStatus(await upload(d.contactShared.client, ticket.id, [file('mine.txt', 'from me', 'text/plain')]), 201).items[0];

    // The desk sees everything; the requester sees only their own upload.
    expect(await listIds(d.analystA.client, ticket.id)).toEqual([draft.id, noted.id, own.id]);
    expect(await listIds(d.contactShared.client, ticket.id)).toEqual([own.id]);
    expect(await listIds(d.colleagueShared.client, ticket.id)).toEqual([]);
    const denied = await download(d.contactShared.client, draft.id);
    expect(denied.statusCode).toBe(404);
    expect(denied.body).not.toContain('not yet');
    expect((await download(d.contactShared.client, own.id)).statusCode).toBe(200);
    expect((await download(d.analystA.client, draft.id)).statusCode).toBe(200);

    // A note's file becomes internal with it; a public reply's file reaches the requester.
    expectStatus(await d.analystA.client.post(`/api/v1/tickets/${ticket.id}/notes`, { body: 'internal', attachmentIds: [noted.id] }), 201);
    expectStatus(await d.analystA.client.post(`/api/v1/tickets/${ticket.id}/replies`, { body: 'here it is', attachmentIds: [draft.id] }), 201);
    expect(await listIds(d.contactShared.client, ticket.id)).toEqual([draft.id, own.id]);
    expect(await listIds(d.colleagueShared.client, ticket.id)).toEqual([draft.id]);
    expect((await download(d.contactShared.client, draft.id)).statusCode).toBe(200);
    expect((await download(d.contactShared.client, noted.id)).statusCode).toBe(404);
    expect(await articleFiles(d.contactShared.client, ticket.id)).toEqual([draft.id]);
    expect((await articleFiles(d.analystA.client, ticket.id)).sort()).toEqual([draft.id, noted.id].sort());
  });
});
