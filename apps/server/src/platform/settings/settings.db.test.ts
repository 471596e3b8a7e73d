import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database.ts';
import { inSavepoint, transaction } from '../db/index.ts';
import { defineSettings } from './index.ts';

let d: TestDatabase;
beforeAll(async () => {
  d = await createTestDatabase();
});
afterAll(() => d.drop());

const group = defineSettings({ 'probe.limit': 30, 'probe.matrix': { high: 1 } as Record<string, number> });
const NOW = Date.UTC(2026, 11, 4);
/** Changes the row behind the port's back, so a read that reaches the table shows it. */
const writeRaw = (db: TestDatabase['database']['kysely'], key: string, value: unknown) =>
  db.updateTable('settings').set({ value: JSON.stringify(value) }).where('key', '=', key).execute();

describe('settings: read once per transaction', () => {
  it('runs on the dialect under test', () => expect(d.database.dialect.name).toBe(d.dialect));

  it('inside a transaction a key is read from the table once; outside, every read reaches it', async () => {
    const db = d.database.kysely;
    await group.set(db, 'probe.limit', 30, NOW);
    await transaction(db, async (trx) => {
      expect(await group.get(trx, 'probe.limit')).toBe(30);
      await writeRaw(trx, 'probe.limit', 31);
      expect(await group.get(trx, 'probe.limit')).toBe(30);
    });
    expect(await group.get(db, 'probe.limit')).toBe(31);
    await writeRaw(db, 'probe.limit', 32);
    expect(await group.get(db, 'probe.limit')).toBe(32);
    // A new transaction reads afresh.
    expect(await transaction(db, (trx) => group.get(trx, 'probe.limit'))).toBe(32);
  });

  it('a set through the transaction is what its later reads see, also after a savepoint with it rolled back', async () => {
    const db = d.database.kysely;
    await group.set(db, 'probe.limit', 10, NOW);
    await transaction(db, async (trx) => {
      expect(await group.get(trx, 'probe.limit')).toBe(10);
      await group.set(trx, 'probe.limit', 11, NOW);
      expect(await group.get(trx, 'probe.limit')).toBe(11);
      await inSavepoint(trx, 'member', async () => {
        await group.set(trx, 'probe.limit', 12, NOW);
        expect(await group.get(trx, 'probe.limit')).toBe(12);
        throw new Error('this member fails');
      }).catch(() => {});
      // Rolled back to 11: never the 12 the failed member read.
      expect(await group.get(trx, 'probe.limit')).toBe(11);
    });
    expect(await group.get(db, 'probe.limit')).toBe(11);
  });

  it('each read is its own object, as from the table', async () => {
    const db = d.database.kysely;
    await group.set(db, 'probe.matrix', { high: 1 }, NOW);
    await transaction(db, async (trx) => {
      const a = await group.get(trx, 'probe.matrix');
      a.high = 99;
      expect(await group.get(trx, 'probe.matrix')).toEqual({ high: 1 });
    });
  });

  it('a missing row reads as a copy of the default, never the default itself', async () => {
    const fresh = defineSettings({ 'probe.unstored': { tags: ['vpn'] } as { tags: string[] } });
    const a = await fresh.get(d.database.kysely, 'probe.unstored');
    a.tags.push('changed');
    expect(await fresh.get(d.database.kysely, 'probe.unstored')).toEqual({ tags: ['vpn'] });
    expect(fresh.defaults['probe.unstored']).toEqual({ tags: ['vpn'] });
  });
});
