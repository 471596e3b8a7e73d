import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { normalizeTags } from './ticket-fields.ts';
import { DEFAULT_PRIORITY_MATRIX, priorityOf, type Level } from './priority.ts';
import { expectStatus, makeDesk, openTicket, patchCurrent, type Desk } from './tickets.test-kit.ts';

let t: TestApp;
let d: Desk;
let categories: number[];
beforeAll(async () => {
  t = await createTestApp();
  d = await makeDesk(t);
  categories = [];
  for (const name of ['Hardware', 'Network']) {
    const now = t.clock.now();
    const row = await t.ctx.db
      .insertInto('categories')
      .values({ parent_id: null, name, name_en: name, position: 0, active: 1, created_at: now, updated_at: now, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    categories.push(row.id);
  }
});
afterAll(() => t.destroy());

const historyOf = (ticketId: number) =>
  t.ctx.db.selectFrom('ticket_history').select(['id', 'field', 'old_value', 'new_value']).where('ticket_id', '=', ticketId).orderBy('id').execute();

describe('history', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('writes exactly one row per changed field (priority counted when it moves), none for the rest', async () => {
    const ticket = await openTicket(d.analystA.client, { impact: 2, urgency: 2 });
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { status: 'open' }), 200);
    const edit = fc.record(
      {
        title: fc.constantFrom('Printer', 'Printer ', 'چاپگر', 'VPN down'),
        description: fc.constantFrom('', 'one', 'دو', 'x\ny'),
        type: fc.constantFrom('incident', 'service_request'),
        impact: fc.constantFrom(1, 2, 3),
        urgency: fc.constantFrom(1, 2, 3),
        tags: fc.subarray(['alpha', 'Beta', '۱۲', 'gamma']),
        categoryId: fc.constantFrom(null, ...categories),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(edit, async (body) => {
        const before = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}`), 200);
        const rowsBefore = (await historyOf(ticket.id)).length;
        const current: Record<string, unknown> = {
          title: before.title,
          description: before.description,
          type: before.type,
          impact: before.impact,
          urgency: before.urgency,
          tags: before.tags,
          categoryId: before.categoryId,
        };
        const expected = new Map<string, [string | null, string | null]>();
        const text = (v: unknown) => (v === null || v === undefined ? null : Array.isArray(v) ? JSON.stringify(v) : String(v));
        for (const [field, value] of Object.entries(body)) {
          const next = field === 'tags' ? normalizeTags(value as string[]).map((x) => x.tag) : value;
          if (text(next) !== text(current[field])) expected.set(field, [text(current[field]), text(next)]);
        }
        const impact = (body.impact ?? before.impact) as Level;
        const urgency = (body.urgency ?? before.urgency) as Level;
        const priority = priorityOf(DEFAULT_PRIORITY_MATRIX, impact, urgency);
        if (priority !== before.priority) expected.set('priority', [String(before.priority), String(priority)]);

        const after = expectStatus(await d.analystA.client.patch(`/api/v1/tickets/${ticket.id}`, { version: before.version, ...body }), 200);
        const rows = (await historyOf(ticket.id)).slice(rowsBefore);
        expect(new Set(rows.map((r) => r.field)).size).toBe(rows.length);
        expect(Object.fromEntries(rows.map((r) => [r.field, [r.old_value, r.new_value]]))).toEqual(Object.fromEntries(expected));
        expect(after.version).toBe(expected.size > 0 ? before.version + 1 : before.version);
        expect(after.priority).toBe(priority);
      }),
      { numRuns: 40 },
    );
  });

  it('GET /tickets/:id/history: oldest first, named actors, ISO times, pages', async () => {
    const ticket = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
    expectStatus(await patchCurrent(d.analystA.client, ticket.id, { title: 'one' }), 200);
    const until = new Date(t.clock.now() + 3_600_000).toISOString();
    expectStatus(await patchCurrent(d.supervisorA.client, ticket.id, { status: 'pending_customer', pendingUntil: until }), 200);
    const all = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}/history`), 200);
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((i: any) => [i.field, i.oldValue, i.newValue])).toEqual([
      ['title', ticket.title, 'one'],
      ['status', 'new', 'open'],
      ['status', 'open', 'pending_customer'],
      ['pendingUntil', null, until],
    ]);
    expect(all.items[0].actor).toEqual({ userId: d.analystA.userId, system: null, name: d.analystA.email });
    expect(all.items[2].actor.userId).toBe(d.supervisorA.userId);
    expect(all.items[0].createdAt).toBe(new Date(t.clock.now()).toISOString());

    const first = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}/history?limit=3`), 200);
    expect(first.items).toHaveLength(3);
    const second = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}/history?limit=3&cursor=${first.nextCursor}`), 200);
    expect([...first.items, ...second.items].map((i: any) => i.id)).toEqual(all.items.map((i: any) => i.id));
    expect(second.nextCursor).toBeNull();
  });

  it('is for the desk: crm reads it, contacts 403, other groups 404', async () => {
    const ticket = await openTicket(d.analystA.client, { requesterContactId: d.contactShared.contactId });
    const url = `/api/v1/tickets/${ticket.id}/history`;
    expect((await d.crm.client.get(url)).statusCode).toBe(200);
    expect((await d.manager.client.get(url)).statusCode).toBe(200);
    expect((await d.contactShared.client.get(url)).statusCode).toBe(403);
    expect((await d.colleagueShared.client.get(url)).statusCode).toBe(403);
    expect((await d.analystB.client.get(url)).statusCode).toBe(404);
    expect((await d.adminOnly.client.get(url)).statusCode).toBe(404);
  });
});
