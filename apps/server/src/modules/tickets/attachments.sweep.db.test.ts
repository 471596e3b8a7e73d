import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { ORPHAN_BLOB_JOB } from './attachments.sweep.ts';
import { file, upload } from './attachments.test-support.ts';
import { deskTestApp, expectStatus, openTicket, type Desk } from './tickets.test-kit.ts';

let t: TestApp;
let d: Desk;
beforeAll(async () => ({ t, d } = await deskTestApp()));
afterAll(() => t.destroy());

const HOUR = 60 * 60 * 1000;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
/** Bytes stored without a row: what an upload leaves when its transaction fails after the bytes were committed. */
const storeWithoutRow = (text: string) => t.ctx.storage.put(Readable.from([Buffer.from(text)]), 1024);
async function sweep(): Promise<void> {
  await t.ctx.jobs.enqueue(t.ctx.db, ORPHAN_BLOB_JOB, {});
  await t.ctx.jobs.drain();
}
const stored = async () => {
  const shas: string[] = [];
  for await (const blob of t.ctx.storage.list()) shas.push(blob.sha256);
  return shas;
};

describe('the orphan-blob sweep', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('is scheduled daily by the tickets module', () => {
    const tickets = t.contributions.find((c) => c.module === 'tickets')!;
    expect(tickets.schedules?.find((s) => s.job === ORPHAN_BLOB_JOB)?.everyMs).toBe(24 * HOUR);
  });

  it('removes blobs no committed attachment references once older than 24 h; keeps referenced, young and re-stored ones', async () => {
    const ticket = await openTicket(d.analystA.client, {});
    expectStatus(await upload(d.analystA.client, ticket.id, [file('kept.txt', 'referenced bytes')]), 201);
    await storeWithoutRow('orphan, old');
    await storeWithoutRow('orphan, stored again later');
    expect(await stored()).toEqual(expect.arrayContaining([sha('referenced bytes'), sha('orphan, old'), sha('orphan, stored again later')]));

    t.clock.advance(23 * HOUR);
    await sweep();
    expect(await stored()).toEqual(expect.arrayContaining([sha('referenced bytes'), sha('orphan, old'), sha('orphan, stored again later')]));

    // The same content uploaded again renews the blob (its upload may still be in its transaction).
    await storeWithoutRow('orphan, stored again later');
    await storeWithoutRow('orphan, young');
    t.clock.advance(2 * HOUR);
    await sweep();
    const left = await stored();
    expect(left).not.toContain(sha('orphan, old'));
    expect(left).toEqual(expect.arrayContaining([sha('referenced bytes'), sha('orphan, stored again later'), sha('orphan, young')]));
    const job = await (t.ctx.db as any).selectFrom('jobs').select('status').where('name', '=', ORPHAN_BLOB_JOB).execute();
    expect(job.map((j: any) => j.status)).toEqual(['done', 'done']);

    // The referenced file still downloads.
    const attachments = expectStatus(await d.analystA.client.get(`/api/v1/tickets/${ticket.id}/attachments`), 200).items as any[];
    const content = await d.analystA.client.get(`/api/v1/attachments/${attachments[0].id}/content`);
    expect([content.statusCode, content.body]).toEqual([200, 'referenced bytes']);
  });
});
