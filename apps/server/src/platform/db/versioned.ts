import type { Kysely, Selectable, Updateable } from 'kysely';
import { CommonErrors, DomainError } from '../http/errors.ts';

/**
 * Optimistic concurrency, written one way for every versioned table (integer `id` and `version`).
 *
 * `expectVersion(row, version)` compares what the caller last saw with the row the command read
 * (409 record.stale), before anything is validated or written. `updateAtVersion` applies `set`
 * only if the row is still at `version`, bumping it once, and returns the updated row (409
 * record.stale when another write got there first). One command is one version step: it gathers
 * its changes and calls updateAtVersion once per record.
 */
export function expectVersion(row: { version: number }, version: number | undefined): void {
  if (version !== undefined && row.version !== version) throw new DomainError(CommonErrors['record.stale']);
}

export async function updateAtVersion<DB, T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  id: number,
  version: number,
  set: Updateable<DB[T]>,
  /** The key column, for a table keyed by its owner (`agent_duty.agent_id`) rather than its own `id`. */
  keyColumn = 'id',
): Promise<Selectable<DB[T]>> {
  const row = await (db as unknown as Kysely<Record<string, { id: number; version: number }>>)
    .updateTable(table as string)
    .set({ ...(set as object), version: version + 1 } as { version: number })
    .where(keyColumn as 'id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new DomainError(CommonErrors['record.stale']);
  return row as never;
}
