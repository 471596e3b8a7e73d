import { CompiledQuery } from 'kysely';
import { expect } from 'vitest';
import type { TicketWhere } from '../src/modules/tickets/index.ts';
import { ticketPageQuery } from '../src/modules/tickets/ticket-lists.repository.ts';
import type { TestApp } from './harness.ts';

/**
 * The planner's plan of a query: SQLite's `explain query plan` details, or PostgreSQL's `explain`
 * with sequential scans priced out (enable_seqscan=off), for the index-plan tests of queue views.
 */
export async function queryPlan(t: TestApp, compiled: CompiledQuery): Promise<string> {
  return t.ctx.db.connection().execute(async (conn) => {
    if (t.dialect === 'sqlite') {
      const rows = await conn.executeQuery(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
      return rows.rows.map((r: any) => r.detail).join('\n');
    }
    await conn.executeQuery(CompiledQuery.raw('set enable_seqscan = off'));
    try {
      const rows = await conn.executeQuery(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
      return rows.rows.map((r: any) => r['QUERY PLAN']).join('\n');
    } finally {
      await conn.executeQuery(CompiledQuery.raw('reset enable_seqscan'));
    }
  });
}

/**
 * The walked-page contract (ADR 0027): the first page of `where`, newest first, and a page after a
 * cursor both walk `tickets_updated` and stop at the page — SQLite sorts nothing, PostgreSQL scans
 * no table.
 */
export async function expectPagesWalkTicketsUpdated(t: TestApp, where: TicketWhere): Promise<void> {
  for (const after of [undefined, { value: t.clock.now(), id: 1_000_000 }]) {
    const text = await queryPlan(t, ticketPageQuery(t.ctx.db, where, { key: 'updated_at', direction: 'desc', after, walkSortIndex: true }, 26).compile());
    if (t.dialect === 'sqlite') {
      expect(text, text).toMatch(/(SCAN|SEARCH) tickets USING INDEX tickets_updated\b/);
      expect(text, text).not.toMatch(/TEMP B-TREE/);
    } else {
      expect(text, text).not.toMatch(/Seq Scan on tickets/);
    }
  }
}
