import { invalidInput } from './input-issues.ts';

/**
 * Opaque cursors for keyset pagination: the sort key values of the last row, base64url JSON.
 * A cursor that does not decode to the expected shape (arity; strings, null and safe integers
 * only — `[1.5]` or `[1e300]` never reach SQL) is a 400, never a 500.
 */
export function encodeCursor(values: ReadonlyArray<string | number | null>): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): Array<string | number | null> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === arity && values.every((v) => v === null || typeof v === 'string' || Number.isSafeInteger(v))) {
      return values as Array<string | number | null>;
    }
  } catch {
    // fall through
  }
  throw invalidInput('cursor', 'cursor');
}

/** Splits a `limit + 1` fetch into the page and the next cursor. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => ReadonlyArray<string | number | null>) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
