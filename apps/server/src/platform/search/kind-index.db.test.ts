import { CompiledQuery } from 'kysely';
import { tokenize } from '@pishkhan/text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { queryPlan } from '../../../test/query-plan.ts';
import { windowCandidates } from './drivers/postgres.ts';
import { ftsQuery, windowEdge } from './drivers/sqlite.ts';
import { docId, type SearchDocument, type SearchKind, type TextQuery } from './types.ts';

// A contact or organisation search must read only its own kind's part of the index: the tickets
// hold nearly every entry, and a word common in them would otherwise cost a contact search that
// finds nothing the whole posting list (30–140 ms at a million tickets on PostgreSQL).
let t: TestApp;
const doc = (kind: SearchKind, id: number, title: string): SearchDocument => ({ kind, id, title, body: '', internal: '', meta: '', updatedAt: 1_000 + id });
const words = (text: string): TextQuery => ({ must: tokenize(text).map((token) => ({ alternatives: [[token]], prefix: false })), mustNot: [] });
const request = (kind: SearchKind) => ({ kind, offset: 0, limit: 20 });

beforeAll(async () => {
  t = await createTestApp();
  const tickets = Array.from({ length: 300 }, (_, i) => doc('ticket', i + 1, 'صندوق پستی پر است'));
  // Enough contacts and organisations that walking all of a kind's entries costs more than its own postings.
  const contacts = Array.from({ length: 2_000 }, (_, i) => doc('contact', i + 1, `مریم صندوقی ${i}`));
  const organizations = Array.from({ length: 2_000 }, (_, i) => doc('organization', i + 1, `شرکت پست ${i}`));
  await t.ctx.search.upsert(t.ctx.db, [...tickets, ...contacts, ...organizations]);
  if (t.dialect === 'postgres') await t.ctx.db.executeQuery(CompiledQuery.raw('analyze search_entries'));
}, 60_000);
afterAll(() => t.destroy());

describe('each kind reads its own part of the index', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('a phrase common in tickets finds them, and no contact or organisation', async () => {
    const find = (kind: SearchKind) => t.ctx.search.search(t.ctx.db, { kind, query: words('"صندوق پستی"'), internal: false, limit: 5, offset: 0 });
    expect((await find('ticket')).map((h) => h.id)).toEqual([300, 299, 298, 297, 296]);
    expect(await find('contact')).toEqual([]);
    expect(await find('organization')).toEqual([]);
  });

  for (const kind of ['contact', 'organization'] as const) {
    it(`a ${kind} search seeks its own entries: PostgreSQL its partial GIN, SQLite the FTS5 rowids below the kind's last doc`, async () => {
      if (t.dialect === 'postgres') {
        const plan = await queryPlan(t, windowCandidates(request(kind), "'صندوق' <-> 'پستی'").compile(t.ctx.db));
        expect(plan, plan).toMatch(new RegExp(`Bitmap Index Scan on search_entries_tsv_${kind}\\b`));
        expect(plan, plan).not.toMatch(/Index Scan on search_entries_tsv\b/);
      } else {
        const last = docId(kind, 2_000);
        const plan = await queryPlan(t, windowEdge(request(kind), ftsQuery(words('"صندوق پستی"'), false)!, last).compile(t.ctx.db));
        // FTS5's plan string: a MATCH constraint (M…) and an upper rowid bound (<).
        expect(plan, plan).toMatch(/SCAN search_fts VIRTUAL TABLE INDEX \d+:M\d*</);
      }
    });
  }
});
