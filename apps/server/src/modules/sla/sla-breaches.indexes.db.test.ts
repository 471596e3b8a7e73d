import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { queryPlan } from '../../../test/query-plan.ts';
import { breachActionsPage, breachActionsPageQuery } from './sla.repository.ts';

// A contract's penalty report walks the period's breach actions of the whole desk page by page:
// each page must seek sla_actions_level_due at the cursor and stop at the limit, never read every
// action of the period (or of the table) and sort them.
let t: TestApp;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  // Breaches and warnings, two per due time so a page edge can fall inside a tie.
  const rows = Array.from({ length: 40 }, (_, i) => ({ action_key: `k${i}`, ticket_id: i + 1, target: 'resolution', level: i % 4 === 3 ? 'warning' : 'breach', due_at: Math.floor(i / 2) * DAY, created_at: 0 }));
  await t.ctx.db.insertInto('sla_actions').values(rows).execute();
  if (t.dialect === 'postgres') await t.ctx.db.executeQuery(CompiledQuery.raw('analyze sla_actions'));
});
afterAll(() => t.destroy());

describe('the breach actions page', () => {
  it('runs on the dialect under test', () => expect(t.ctx.dialect.name).toBe(t.dialect));

  it('walks every breach of [from, to) once, in (due_at, id) order, across ties at page edges', async () => {
    const from = 2 * DAY;
    const to = 15 * DAY;
    const all = await t.ctx.db.selectFrom('sla_actions').select(['id', 'due_at']).where('level', '=', 'breach').where('due_at', '>=', from).where('due_at', '<', to).orderBy('due_at').orderBy('id').execute();
    const walked: number[] = [];
    let after: { dueAt: number; id: number } | null = null;
    for (;;) {
      const page = await breachActionsPage(t.ctx.db, from, to, after, 3);
      walked.push(...page.map((r) => r.id));
      if (page.length < 3) break;
      after = { dueAt: page[2]!.due_at, id: page[2]!.id };
    }
    expect(walked).toEqual(all.map((r) => r.id));
    expect(walked.length).toBeGreaterThan(6);
  });

  it('seeks sla_actions_level_due from the cursor, without a sort', async () => {
    for (const after of [null, { dueAt: 5 * DAY, id: 11 }]) {
      const text = await queryPlan(t, breachActionsPageQuery(t.ctx.db, 0, 30 * DAY, after, 1000).compile());
      if (t.dialect === 'sqlite') {
        expect(text, text).toMatch(/SEARCH sla_actions USING (COVERING )?INDEX sla_actions_level_due \(level=\? AND due_at>\? AND due_at<\?\)/);
        expect(text, text).not.toMatch(/TEMP B-TREE/);
      } else {
        expect(text, text).toMatch(/Index (Only )?Scan using sla_actions_level_due/);
        expect(text, text).toMatch(/Index Cond: .*due_at >=/);
        expect(text, text).not.toMatch(/Sort/);
      }
    }
  });
});
