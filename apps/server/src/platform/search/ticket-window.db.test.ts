import type { RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenize } from '@pishkhan/text';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { ticketWindow, tsQuery, windowCandidates } from './drivers/postgres.ts';
import { docId, RANK_WINDOW, type SearchDocument, type TextQuery } from './types.ts';

/**
 * A ticket search looks at the newest tickets first (PostgreSQL: RECENT_TICKETS, so the GIN's
 * recheck reads only the rows there) and at the older ones only when that look falls short. The
 * window it ranks must be the same newest RANK_WINDOW matches wherever they lie: all in the span,
 * partly, or none of them.
 */
let t: TestApp;
const N = 1_200;
const doc = (id: number, title: string, body: string): SearchDocument => ({ kind: 'ticket', id, title, body, internal: '', meta: '', updatedAt: 1_000 + id });
const words = (text: string): TextQuery => ({ must: [{ alternatives: [tokenize(text)], prefix: false }], mustNot: [] });
const find = (query: TextQuery, limit: number) => t.ctx.search.search(t.ctx.db, { kind: 'ticket', query, internal: false, limit, offset: 0 });

// «زرافه» in every ticket; «کوآلا» in the oldest 30 and the newest 10; the phrase «صندوق پستی» in the even ones.
const koala = (id: number) => id <= 30 || id > N - 10;
const QUERIES = { everywhere: words('زرافه'), split: words('کوآلا'), phrase: words('صندوق پستی') };
const EXPECTED = {
  everywhere: Array.from({ length: RANK_WINDOW }, (_, i) => N - i),
  split: Array.from({ length: N }, (_, i) => N - i).filter(koala),
  phrase: Array.from({ length: RANK_WINDOW }, (_, i) => N - 2 * i),
};

beforeAll(async () => {
  t = await createTestApp();
  const docs = Array.from({ length: N }, (_, k) => k + 1).map((id) => doc(id, 'زرافه', `${koala(id) ? 'کوآلا ' : ''}${id % 2 === 0 ? 'صندوق پستی' : 'پستی صندوق'} پر است`));
  await t.ctx.search.upsert(t.ctx.db, docs);
}, 60_000);
afterAll(() => t.destroy());

describe('the ticket window, wherever its matches lie', () => {
  for (const [name, query] of Object.entries(QUERIES) as [keyof typeof QUERIES, TextQuery][]) {
    it(`${name}: the search ranks exactly the newest window of matches`, async () => {
      const hits = await find(query, RANK_WINDOW);
      expect(hits.map((h) => h.id).sort((a, b) => b - a)).toEqual(EXPECTED[name]);
    });

    it(`${name}: on PostgreSQL every recent span gives the window of the whole index (SQLite has one look)`, async () => {
      const request = { kind: 'ticket' as const, offset: 0, limit: RANK_WINDOW };
      const run = async (candidates: RawBuilder<unknown>) => ((await candidates.execute(t.ctx.db)).rows as { doc_id: number | string }[]).map((r) => Number(r.doc_id));
      if (t.dialect === 'postgres') {
        const q = tsQuery(query, false)!;
        const whole = await run(windowCandidates(request, q));
        expect(whole).toEqual(EXPECTED[name].map((id) => docId('ticket', id)));
        // The span from: everything, the newest 5 (fewer than any window), half, none.
        for (const newest of [N + 50, 5, N / 2, 0]) {
          expect(await ticketWindow(t.ctx.db, request, q, docId('ticket', N - newest)), `newest ${newest}`).toEqual(whole);
        }
      } else {
        expect(t.ctx.dialect.name).toBe('sqlite');
        expect((await find(query, 1)).map((h) => h.id)).toHaveLength(1);
      }
    });
  }
});
