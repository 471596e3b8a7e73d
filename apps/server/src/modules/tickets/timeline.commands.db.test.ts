import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { onBehalfOf, systemActor } from '../../platform/actor.ts';
import { transaction } from '../../platform/db/index.ts';
import { addWatcher, appendArticle, createCategory, mergeTickets, relateTickets, removeWatcher, unrelateTickets, updateCategory, uploadAttachments } from './index.ts';
import { expectStatus, deskTestApp, openTicket, type Desk } from './tickets.test-kit.ts';

/** The timeline commands with no route in front: they authorise themselves, and compose in a caller's transaction. */

let t: TestApp;
let d: Desk;
beforeAll(async () => ({ t, d } = await deskTestApp()));
afterAll(() => t.destroy());

describe('timeline commands authorise inside', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('a channel on behalf of a foreign contact gets 404 from every ticket command, and nothing changes', async () => {
    const a = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
    const b = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
    const watcher = expectStatus(await d.analystA.client.post(`/api/v1/tickets/${a.id}/watchers`, { agentId: d.analystA2.agentId }), 201);
    const relation = expectStatus(await d.analystA.client.post(`/api/v1/tickets/${a.id}/relations`, { kind: 'related', targetTicketId: b.id }), 201);
    const actor = onBehalfOf('mail', d.contactPrivate.contactId!);
    const notFound = { code: 'record.not_found' };
    await expect(appendArticle(t.ctx, { actor, ticketId: a.id, kind: 'reply', body: 'x' })).rejects.toMatchObject(notFound);
    await expect(uploadAttachments(t.ctx, { actor, ticketId: a.id, files: [], internal: false })).rejects.toMatchObject(notFound);
    await expect(addWatcher(t.ctx, { actor, ticketId: a.id, contactId: d.contactPrivate.contactId })).rejects.toMatchObject(notFound);
    await expect(removeWatcher(t.ctx, { actor, ticketId: a.id, watcherId: watcher.id })).rejects.toMatchObject(notFound);
    await expect(relateTickets(t.ctx, { actor, ticketId: a.id, targetTicketId: b.id, kind: 'duplicate_of' })).rejects.toMatchObject(notFound);
    await expect(unrelateTickets(t.ctx, { actor, ticketId: a.id, relationId: relation.id })).rejects.toMatchObject(notFound);
    await expect(mergeTickets(t.ctx, { actor, ticketId: b.id, intoTicketId: a.id })).rejects.toMatchObject(notFound);

    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${a.id}/watchers`), 200).items.map((w: any) => w.id)).toEqual([watcher.id]);
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${a.id}/relations`), 200).items.map((r: any) => r.id)).toEqual([relation.id]);
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${b.id}`), 200).status).toBe('new');
    // No reply or note (the events there tell the setup's relation).
    expect(expectStatus(await d.analystA.client.get(`/api/v1/tickets/${a.id}/articles`), 200).items.filter((i: any) => i.kind !== 'event')).toEqual([]);
  });

  it('the requester on behalf of whom a channel writes may reply, but not work the ticket (403)', async () => {
    const a = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
    const b = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
    const actor = onBehalfOf('mail', d.contactShared.contactId!);
    const forbidden = { code: 'access.forbidden' };
    await expect(addWatcher(t.ctx, { actor, ticketId: a.id, contactId: d.colleagueShared.contactId })).rejects.toMatchObject(forbidden);
    await expect(relateTickets(t.ctx, { actor, ticketId: a.id, targetTicketId: b.id, kind: 'related' })).rejects.toMatchObject(forbidden);
    await expect(mergeTickets(t.ctx, { actor, ticketId: b.id, intoTicketId: a.id })).rejects.toMatchObject(forbidden);
  });

  it('categories are changed by admins only, never by a channel on behalf of a contact', async () => {
    const actor = onBehalfOf('mail', d.contactShared.contactId!);
    await expect(createCategory(t.ctx, { actor, name: 'From mail' })).rejects.toMatchObject({ code: 'access.forbidden' });
    const category = await createCategory(t.ctx, { actor: systemActor('cli'), name: 'Seeded' });
    expect(category).toMatchObject({ name: 'Seeded', version: 1, active: 1 });
    await expect(updateCategory(t.ctx, { actor, id: category.id, version: 1, name: 'Renamed' })).rejects.toMatchObject({ code: 'access.forbidden' });
    const renamed = await updateCategory(t.ctx, { actor: systemActor('cli'), id: category.id, version: 1, name: 'Renamed' });
    expect(renamed).toMatchObject({ name: 'Renamed', version: 2 });
    await expect(updateCategory(t.ctx, { actor: systemActor('cli'), id: category.id, version: 1, name: 'Again' })).rejects.toMatchObject({ code: 'record.stale' });
  });

  it("a channel composes appendArticle in its own transaction: the article commits or rolls back with the caller's work", async () => {
    const ticket = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
    const actor = onBehalfOf('mail', d.contactShared.contactId!);
    await expect(
      transaction(t.ctx.db, async (trx) => {
        await appendArticle({ ...t.ctx, db: trx }, { actor, ticketId: ticket.id, kind: 'reply', body: 'rolled back', idempotencyKey: '<m-2@example.com>' });
        throw new Error('the channel fails after appending');
      }),
    ).rejects.toThrow('the channel fails');
    expect(await t.ctx.db.selectFrom('articles').select('id').where('ticket_id', '=', ticket.id).execute()).toEqual([]);
    // The key rolled back with it: the redelivery appends.
    const appended = await transaction(t.ctx.db, (trx) =>
      appendArticle({ ...t.ctx, db: trx }, { actor, ticketId: ticket.id, kind: 'reply', body: 'committed', idempotencyKey: '<m-2@example.com>' }),
    );
    expect(appended.replayed).toBe(false);
    expect((await t.ctx.db.selectFrom('articles').select('body').where('ticket_id', '=', ticket.id).execute()).map((r) => r.body)).toEqual(['committed']);
  });
});
