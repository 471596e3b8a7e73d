import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenize } from '@pishkhan/text';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { RANK_WINDOW, rankWindow, type SearchDocument, type SearchKind, type TextQuery } from './index.ts';

/**
 * The ranking contract of ADR 0028 on both databases, through the port: a worded search ranks the
 * newest RANK_WINDOW matches in scope (all of them when there are fewer), and a contact search
 * finds its records whatever the tickets above them hold.
 */
let t: TestApp;
const N = RANK_WINDOW + 20;
const doc = (kind: SearchKind, id: number, title: string, body: string): SearchDocument => ({ kind, id, title, body, internal: '', meta: '', updatedAt: 1_000 + id });
// As the module compiles a query: the same normalisation as the documents' (packages/text).
const words = (text: string): TextQuery => ({ must: tokenize(text).map((token) => ({ alternatives: [[token]], prefix: false })), mustNot: [] });
const find = (kind: SearchKind, query: TextQuery, limit = 5, offset = 0) => t.ctx.search.search(t.ctx.db, { kind, query, internal: false, limit, offset });

beforeAll(async () => {
  t = await createTestApp();
  // «زرافه» everywhere: in the title of the oldest ticket only (the best BM25 / ts_rank), in the body of the rest.
  // «کوآلا» in five tickets, the oldest again with it in its title.
  const docs = Array.from({ length: N }, (_, k) => k + 1).map((id) =>
    doc('ticket', id, id === 1 ? 'زرافه کوآلا' : 'درخواست', id === 1 ? 'متن' : id <= 5 ? 'زرافه کوآلا و متن' : 'زرافه و متن'),
  );
  await t.ctx.search.upsert(t.ctx.db, [...docs, doc('contact', 3, 'زرافه رضایی', '')]);
}, 60_000);
afterAll(() => t.destroy());

describe('ranking within the newest matches (ADR 0028)', () => {
  it('fewer matches than the window: every match is ranked, the oldest title hit first', async () => {
    const hits = await find('ticket', words('کوآلا'));
    expect(hits.map((h) => h.id)).toEqual([1, 5, 4, 3, 2]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('more matches than the window: only the newest RANK_WINDOW are ranked, recent first on equal rank', async () => {
    const hits = await find('ticket', words('زرافه'));
    expect(hits.map((h) => h.id)).toEqual([N, N - 1, N - 2, N - 3, N - 4]);
    // The oldest ticket's title would rank first; it lies outside the newest window.
    const all = await find('ticket', words('زرافه'), RANK_WINDOW);
    expect(all).toHaveLength(RANK_WINDOW);
    expect(Math.min(...all.map((h) => h.id))).toBe(N - RANK_WINDOW + 1);
  });

  it('a new title hit is inside the window and ranks first', async () => {
    await t.ctx.search.upsert(t.ctx.db, [doc('ticket', N + 1, 'زرافه', 'متن')]);
    expect((await find('ticket', words('زرافه'), 1))[0]!.id).toBe(N + 1);
  });

  it('pages inside one window neither repeat nor skip a hit; a page past it ranks the next multiple', async () => {
    const whole = (await find('ticket', words('زرافه'), 30)).map((h) => h.id);
    const paged = [...(await find('ticket', words('زرافه'), 10)), ...(await find('ticket', words('زرافه'), 10, 10)), ...(await find('ticket', words('زرافه'), 10, 20))].map((h) => h.id);
    expect(paged).toEqual(whole);
    expect([rankWindow(0, 21), rankWindow(0, RANK_WINDOW), rankWindow(0, RANK_WINDOW + 1), rankWindow(RANK_WINDOW, 101)]).toEqual([RANK_WINDOW, RANK_WINDOW, 2 * RANK_WINDOW, 2 * RANK_WINDOW]);
  });

  it('a cursor past the window widens it to the page’s end', async () => {
    const page = await find('ticket', words('زرافه'), 10, RANK_WINDOW);
    expect(page).toHaveLength(10);
  });

  it('contacts are found under hundreds of ticket postings of the same word', async () => {
    expect((await find('contact', words('زرافه'))).map((h) => h.id)).toEqual([3]);
    expect(await find('organization', words('زرافه'))).toEqual([]);
  });
});
