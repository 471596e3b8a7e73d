import type { Kysely, Updateable } from 'kysely';

/**
 * Optimistic concurrency for tables with an integer `id` and `version`: applies `set` only if the
 * row is still at `version`, bumping it. False when another write got there first (→ 409 record.stale).
 */
export async function updateAtVersion<DB, T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  id: number,
  version: number,
  set: Updateable<DB[T]>,
): Promise<boolean> {
  const res = await (db as unknown as Kysely<Record<string, { id: number; version: number }>>)
    .updateTable(table as string)
    .set({ ...(set as object), version: version + 1 } as { version: number })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
