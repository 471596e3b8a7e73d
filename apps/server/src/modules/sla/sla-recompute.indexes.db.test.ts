import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeGroup, makeTicket } from '../../../test/factories.ts';
import { queryPlan } from '../../../test/query-plan.ts';
import { openTicketIdsAfter, openTicketIdsAfterQuery, slaColumnsUpdate, ticketsWithSlaEventDueQuery } from '../tickets/index.ts';

// A recompute walks the open tickets of its policies by id, 1,000 a chunk: the chunk's query must
// walk the primary key from the cursor and stop at the limit, never gather and sort every open ticket;
// and its one UPDATE per 500 tickets finds them by primary key, never by scanning the table. The
// sweep, every minute, reads the next-event index from its start, never every open ticket.
let t: TestApp;
const ids: { id: number; status: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const group = await makeGroup(t);
  const statuses = ['new', 'open', 'resolved', 'pending_customer', 'closed', 'pending_third_party'];
  for (let i = 0; i < 30; i++) {
    const status = statuses[i % statuses.length]!;
    ids.push({ id: (await makeTicket(t, { groupId: group, status })).id, status });
  }
  if (t.dialect === 'postgres') await t.ctx.db.executeQuery(CompiledQuery.raw('analyze tickets'));
});
afterAll(() => t.destroy());

describe('the recompute chunk query', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('returns the open tickets after the cursor, in id order, up to the limit', async () => {
    const open = ids.filter((x) => !['resolved', 'closed'].includes(x.status)).map((x) => x.id);
    const after = open[2]!;
    expect(await openTicketIdsAfter(t.ctx.db, after, 5)).toEqual(open.filter((id) => id > after).slice(0, 5));
    expect(await openTicketIdsAfter(t.ctx.db, 0, 1000, [])).toEqual([]);
  });

  it('walks the primary key from the cursor, without a sort', async () => {
    const text = await queryPlan(t, openTicketIdsAfterQuery(t.ctx.db, ids[3]!.id, 1000, [1, 2]).compile());
    if (t.dialect === 'sqlite') {
      expect(text, text).toMatch(/SEARCH tickets USING INTEGER PRIMARY KEY/);
      expect(text, text).not.toMatch(/TEMP B-TREE/);
    } else {
      expect(text, text).toMatch(/Index Scan using tickets_pkey/);
      expect(text, text).not.toMatch(/Sort/);
    }
  });

  it('sets the SLA columns of a chunk by primary key, not by scanning tickets', async () => {
    const values = { sla_policy_id: 1, sla_first_response_due_at: null, sla_next_response_due_at: null, sla_resolution_due_at: 5, sla_due_at: 5, sla_next_event_at: 5, sla_elapsed_ms: 0, sla_paused_ms: 0, sla_first_response_breached: 0, sla_next_response_breached: 0, sla_resolution_breached: 0, sla_breached: 0 };
    // A full statement's 500 rows (ids need not exist for a plan): with a handful, SQLite looks them up either way.
    const text = await queryPlan(t, slaColumnsUpdate(Array.from({ length: 500 }, (_, i) => ({ id: i + 1, values }))).compile(t.ctx.db));
    if (t.dialect === 'sqlite') {
      expect(text, text).toMatch(/SEARCH tickets USING INTEGER PRIMARY KEY/);
      expect(text, text).not.toMatch(/SCAN tickets\b/);
    } else expect(text, text).not.toMatch(/Seq Scan on tickets/);
  });

  it('the sweep reads tickets_sla_next_event up to now, without a sort', async () => {
    const text = await queryPlan(t, ticketsWithSlaEventDueQuery(t.ctx.db, t.clock.now(), 500).compile());
    if (t.dialect === 'sqlite') {
      expect(text, text).toMatch(/\btickets_sla_next_event\b/);
      expect(text, text).not.toMatch(/TEMP B-TREE/);
    } else {
      expect(text, text).toMatch(/tickets_sla_next_event/);
      expect(text, text).not.toMatch(/Sort/);
    }
  });
});
