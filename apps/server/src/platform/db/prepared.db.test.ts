import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database.ts';
import { preparedQuery } from './prepared.ts';
import type { PlatformTables } from './tables.ts';

let d: TestDatabase;
let db: Kysely<PlatformTables>;
beforeAll(async () => {
  d = await createTestDatabase();
  db = d.database.kysely as unknown as Kysely<PlatformTables>;
  await db
    .insertInto('settings')
    .values(['a', 'b', 'c', 'd'].map((key, i) => ({ key: `prepared.${key}`, value: JSON.stringify(i), updated_at: 1000 + i })))
    .execute();
});
afterAll(() => d.drop());

const byKey = preparedQuery((on: Kysely<PlatformTables>, key: string) => on.selectFrom('settings').select(['key', 'value']).where('key', '=', key));
// A constant the builder fixes ('prepared.%'), a list argument and a scalar after it.
const someAfter = preparedQuery((on: Kysely<PlatformTables>, keys: readonly string[], after: number) =>
  on.selectFrom('settings').select('key').where('key', 'like', 'prepared.%').where('key', 'in', keys).where('updated_at', '>', after).orderBy('key'),
);

describe('preparedQuery', () => {
  it('runs on the dialect under test', () => expect(d.database.dialect.name).toBe(d.dialect));

  it('binds each call’s arguments into the SQL built once', async () => {
    expect(await byKey(db, 'prepared.b')).toEqual([{ key: 'prepared.b', value: '1' }]);
    expect(await byKey(db, 'prepared.c')).toEqual([{ key: 'prepared.c', value: '2' }]);
    expect(await byKey(db, 'prepared.none')).toEqual([]);
  });

  it('keeps the builder’s constants and builds once per list length', async () => {
    expect((await someAfter(db, ['prepared.a', 'prepared.c'], 1000)).map((r) => r.key)).toEqual(['prepared.c']);
    expect((await someAfter(db, ['prepared.a', 'prepared.c'], 999)).map((r) => r.key)).toEqual(['prepared.a', 'prepared.c']);
    expect((await someAfter(db, ['prepared.d', 'prepared.b', 'prepared.a'], 1000)).map((r) => r.key)).toEqual(['prepared.b', 'prepared.d']);
    expect((await someAfter(db, ['prepared.d'], 1000)).map((r) => r.key)).toEqual(['prepared.d']);
  });

  it('builds a long list each call instead of keeping a template for its length', async () => {
    const many = [...Array.from({ length: 150 }, (_, i) => `x${i}`), 'prepared.a'];
    expect((await someAfter(db, many, 0)).map((r) => r.key)).toEqual(['prepared.a']);
  });

  it('runs inside a transaction on the transaction', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('settings').set({ value: '"changed"' }).where('key', '=', 'prepared.a').execute();
      expect(await byKey(trx, 'prepared.a')).toEqual([{ key: 'prepared.a', value: '"changed"' }]);
    });
  });

  it('reads outside a transaction another caller holds open only what is committed, once it ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const transaction = db.transaction().execute(async (trx) => {
      await trx.updateTable('settings').set({ value: '"uncommitted"' }).where('key', '=', 'prepared.b').execute();
      written();
      await held;
      throw new Error('rolled back');
    });
    await wrote;
    const outside = byKey(db, 'prepared.b');
    release();
    await expect(transaction).rejects.toThrow('rolled back');
    expect(await outside).toEqual([{ key: 'prepared.b', value: '1' }]);
  });

  it('passes every result through the executor’s plugins, as any query', async () => {
    const seen: unknown[] = [];
    const watched = db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        seen.push(args.result.rows);
        return { ...args.result, rows: args.result.rows.map((r) => ({ ...r, seen: true })) };
      },
    });
    expect(await byKey(watched, 'prepared.c')).toEqual([{ key: 'prepared.c', value: '2', seen: true }]);
    expect(seen).toEqual([[{ key: 'prepared.c', value: '2' }]]);
  });

  it('refuses a builder that does not bind an argument as a parameter', async () => {
    const unbound = preparedQuery((on: Kysely<PlatformTables>, _key: string) => on.selectFrom('settings').select('key'));
    await expect(unbound(db, 'prepared.a')).rejects.toThrow(/did not become parameters/);
  });
});
