import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database.ts';
import { inSavepoint, transaction, transactionMemo } from './index.ts';

let d: TestDatabase;
beforeAll(async () => {
  d = await createTestDatabase();
});
afterAll(() => d.drop());

describe('transactionMemo: rows read once per transaction', () => {
  it('runs on the dialect under test', () => expect(d.database.dialect.name).toBe(d.dialect));

  it('inside a transaction each key loads once; outside, every read loads', async () => {
    const memo = transactionMemo<string, number>();
    let loads = 0;
    const load = async () => ++loads;
    await transaction(d.database.kysely, async (trx) => {
      expect([await memo.read(trx, 'a', load), await memo.read(trx, 'a', load), await memo.read(trx, 'b', load)]).toEqual([1, 1, 2]);
    });
    expect([await memo.read(d.database.kysely, 'a', load), await memo.read(d.database.kysely, 'a', load)]).toEqual([3, 4]);
  });

  it('once written through the transaction (a savepoint included), reads load again', async () => {
    const memo = transactionMemo<string, number>();
    let loads = 0;
    const load = async () => ++loads;
    await transaction(d.database.kysely, async (trx) => {
      expect(await memo.read(trx, 'a', load)).toBe(1);
      await inSavepoint(trx, 'memo_write', async () => memo.written(trx));
      expect([await memo.read(trx, 'a', load), await memo.read(trx, 'a', load)]).toEqual([2, 3]);
    });
  });
});
