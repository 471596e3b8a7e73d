import { CompiledQuery } from 'kysely';
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
