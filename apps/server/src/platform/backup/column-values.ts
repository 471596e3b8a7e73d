/**
 * A value read from one dialect as the target column stores it. Today every column is integer,
 * bigint or text (ADR 0006), so values pass as they are; a native boolean or JSON column (which a
 * later migration might add on one dialect's side) takes 0/1 and text the way its dialect wants.
 */
export function valueFor(value: unknown, columnType: string): unknown {
  if (value === null || value === undefined) return null;
  if (columnType === 'bool' || columnType === 'boolean') return typeof value === 'number' ? value !== 0 : value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (columnType === 'json' || columnType === 'jsonb') return typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}
