import type { Kysely } from 'kysely';

/**
 * Rows read once per transaction: a group commit's batch of mail or commands, or a dispatch batch,
 * asks for the same few rows (mailboxes, their switches, stored templates) once per message. Inside
 * a transaction the first `read` of a key keeps its value on that transaction object; after
 * `written(db)` (the transaction changed those rows) every read goes to the table again, so a
 * savepoint rolled back cannot leave a value that never committed. Outside a transaction, always
 * the table. (Settings keep their own per-key memo: a write there forgets one key only.)
 */
export interface TransactionMemo<K, V> {
  read(db: Kysely<any>, key: K, load: () => Promise<V>): Promise<V>;
  written(db: Kysely<any>): void;
}

export function transactionMemo<K, V>(): TransactionMemo<K, V> {
  const memos = new WeakMap<object, Map<K, V> | 'written'>();
  return {
    async read(db, key, load) {
      const memo = db.isTransaction ? memos.get(db) : 'written';
      if (memo === 'written') return load();
      if (memo?.has(key)) return memo.get(key)!;
      const value = await load();
      // A write may have come while loading: keep nothing then.
      const now = memos.get(db);
      if (now !== 'written') memos.set(db, (now ?? new Map()).set(key, value));
      return value;
    },
    written(db) {
      if (db.isTransaction) memos.set(db, 'written');
    },
  };
}
