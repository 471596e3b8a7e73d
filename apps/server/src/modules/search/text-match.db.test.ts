import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { signIn } from '../../../test/factories.ts';
import { BENCH_ANALYST_EMAIL, BENCH_PASSWORD } from '../../seed/bench.ts';
import { seedBench } from '../../seed/index.ts';
import { textQueryOf } from './search.queries.ts';

/**
 * The ticket list's text condition takes the form the words call for (platform/search
 * `ticketMatch`): on PostgreSQL a probe of each ticket's own entry once the list's `q` has been
 * measured common among the newest tickets, the set of matches otherwise; SQLite always the set.
 * Either way the same tickets, in the list's order.
 */
let t: TestApp;
const COMMON = 'و'; // in nearly every bench ticket
let RARE = '';

beforeAll(async () => {
  t = await createTestApp();
  await seedBench(t.ctx, { tickets: 400, organizations: 10, contacts: 60 });
  // A branch name a few tickets hold (the bench's long tail).
  const branches = ['تجریش', 'ونک', 'پونک', 'نارمک', 'گیشا', 'جردن'];
  for (const branch of branches) {
    const n = await matchingIds(t.ctx.db, branch);
    if (n.length > 0 && n.length < 40) {
      RARE = branch;
      break;
    }
  }
}, 120_000);
afterAll(() => t.destroy());

/** Every ticket matching `q` (notes too), newest update first: the set form, straight from the port. */
async function matchingIds(db: Kysely<any>, q: string): Promise<number[]> {
  const rows = await db
    .selectFrom('tickets')
    .select('id')
    .where('id', 'in', t.ctx.search.matchingIds('ticket', textQueryOf(q), true))
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => Number(r.id));
}

/** The page the condition `ticketMatch` gives, and the SQL it compiled to. */
async function page(q: string, limit: number): Promise<{ ids: number[]; sql: string }> {
  const query = t.ctx.db
    .selectFrom('tickets')
    .select('id')
    .where((eb) => t.ctx.search.ticketMatch(t.ctx.db, eb.ref('tickets.id'), textQueryOf(q), true))
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
  return { ids: (await query.execute()).map((r) => Number(r.id)), sql: query.compile().sql };
}

describe('the ticket filter text condition: set or probe', () => {
  it('has a common and a rare word to test with', async () => {
    expect((await matchingIds(t.ctx.db, COMMON)).length).toBeGreaterThan(200);
    expect(RARE).not.toBe('');
  });

  it('a common word: the set until measured, then (PostgreSQL) a probe of each ticket, the same page', async () => {
    const all = await matchingIds(t.ctx.db, COMMON);
    const before = await page(COMMON, 60);
    expect(before.ids).toEqual(all.slice(0, 60));
    await t.ctx.search.measureTicketMatch(t.ctx.db, textQueryOf(COMMON));
    const after = await page(COMMON, 60);
    expect(after.ids).toEqual(all.slice(0, 60));
    if (t.dialect === 'postgres') {
      expect(before.sql).not.toMatch(/exists \(select 1 from search_entries s where s\.doc_id =/);
      expect(after.sql).toMatch(/exists \(select 1 from search_entries s where s\.doc_id = "tickets"\."id" \* 4 \+ 1/);
    } else {
      expect(after.sql).toMatch(/"tickets"\."id" in \(select rowid \/ 4 from search_fts/);
    }
  });

  it('a rare word stays the set, also once measured', async () => {
    await t.ctx.search.measureTicketMatch(t.ctx.db, textQueryOf(RARE));
    const result = await page(RARE, 60);
    expect(result.ids).toEqual(await matchingIds(t.ctx.db, RARE));
    expect(result.sql).not.toMatch(/exists \(select 1 from search_entries s/);
    expect(result.sql).toMatch(/"tickets"\."id" in \(select/);
  });

  it('through GET /tickets?q=: the measured form gives the analyst the newest matching tickets they may see', async () => {
    const analyst = await signIn(t.app, BENCH_ANALYST_EMAIL, BENCH_PASSWORD);
    for (const q of [COMMON, RARE, `"${COMMON}"`]) {
      const res = await analyst.get(`/api/v1/tickets?q=${encodeURIComponent(q)}&limit=25`);
      expect(res.statusCode, res.body).toBe(200);
      const ids: number[] = res.json().items.map((i: { id: number }) => i.id);
      const matching = new Set(await matchingIds(t.ctx.db, q));
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.every((id) => matching.has(id))).toBe(true);
      const updated = await t.ctx.db.selectFrom('tickets').select(['id', 'updated_at']).where('id', 'in', ids).execute();
      const at = new Map(updated.map((r) => [Number(r.id), Number(r.updated_at)]));
      expect(ids.map((id) => at.get(id)!)).toEqual([...ids.map((id) => at.get(id)!)].sort((a, b) => b - a));
    }
    // The analyst's list is a subset of what matches, and a common word fills the page.
    const common = await analyst.get(`/api/v1/tickets?q=${encodeURIComponent(COMMON)}&limit=25`);
    expect(common.json().items).toHaveLength(25);
  });
});
