import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { deskTestApp, expectStatus, openTicket, type Desk } from '../tickets/tickets.test-kit.ts';
import { DISTRACTORS, SIMILAR_PAIRS } from './similar.test-support.ts';

/**
 * GET /api/v1/tickets/:id/similar on both databases: 22 Persian requests and their later
 * rephrasings (other words and spellings) among 20 distractors that share the desk's words;
 * the original must be among the first 3 similar tickets of its duplicate for ≥ 90% of pairs.
 */
let t: TestApp;
let d: Desk;
const originals: number[] = [];
const duplicates: number[] = [];

beforeAll(async () => {
  ({ t, d } = await deskTestApp());
  const a = d.analystA.client;
  const open = async (body: { title: string; description: string }, extra: Record<string, unknown> = {}) =>
    (await openTicket(a, { ...body, assigneeGroupId: d.groupA, ...extra })).id as number;
  for (const pair of SIMILAR_PAIRS) originals.push(await open(pair.original, pair === SIMILAR_PAIRS[0] ? { requesterContactId: d.contactShared.contactId } : {}));
  for (const distractor of DISTRACTORS) await open(distractor);
  for (const pair of SIMILAR_PAIRS) duplicates.push(await open(pair.duplicate, pair === SIMILAR_PAIRS[0] ? { requesterContactId: d.contactShared.contactId } : {}));
  await t.ctx.events.dispatchPending();
  await t.ctx.jobs.drain();
}, 120_000);

afterAll(async () => {
  await t?.destroy();
});

describe('similar tickets', () => {
  it('finds the original among the first three for at least 90% of the rephrased duplicates', async () => {
    let found = 0;
    let first = 0;
    const misses: string[] = [];
    for (let i = 0; i < SIMILAR_PAIRS.length; i++) {
      const items = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${duplicates[i]}/similar?limit=3`), 200).items as Array<{ id: number; title: string }>;
      if (items.some((s) => s.id === originals[i])) found++;
      if (items[0]?.id === originals[i]) first++;
      else misses.push(`${SIMILAR_PAIRS[i]!.duplicate.title} → ${items.map((s) => s.title).join(' | ')}`);
    }
    const recall = found / SIMILAR_PAIRS.length;
    console.log(`similar tickets (${t.dialect}): recall@3 = ${recall.toFixed(3)} (${found}/${SIMILAR_PAIRS.length}), recall@1 = ${(first / SIMILAR_PAIRS.length).toFixed(3)}${misses.length ? `; missed: ${misses.join('; ')}` : ''}`);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('looks only at earlier tickets the reader may see', async () => {
    const items = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${originals[0]}/similar`), 200).items as Array<{ id: number }>;
    expect(items.every((s) => s.id < originals[0]!)).toBe(true);
    // The requester of the first pair sees only their own tickets: the original, nothing else.
    const own = expectStatus(await d.contactShared.client.get(`/api/v1/tickets/${duplicates[0]}/similar`), 200).items as Array<{ id: number }>;
    expect(own.map((s) => s.id)).toEqual([originals[0]]);
    expectStatus(await d.analystB.client.get(`/api/v1/tickets/${duplicates[0]}/similar`), 404);
    expectStatus(await d.contactPrivate.client.get(`/api/v1/tickets/${duplicates[0]}/similar`), 404);
  });
});
