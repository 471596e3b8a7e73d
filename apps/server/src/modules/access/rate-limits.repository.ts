import type { Db } from '../../schema.ts';

/**
 * One more hit in a fixed window for a key, in one statement (a new window once the old one has
 * passed): the rate-limit counters of every process, in the database.
 */
export async function hitRateLimit(db: Db, key: string, now: number, windowMs: number): Promise<{ hits: number; windowStart: number }> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, hits: 1, window_start: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const expired = eb('rate_limits.window_start', '<=', now - windowMs);
        return {
          hits: eb.case().when(expired).then(1).else(eb('rate_limits.hits', '+', 1)).end(),
          window_start: eb.case().when(expired).then(now).else(eb.ref('rate_limits.window_start')).end(),
        };
      }),
    )
    .returning(['hits', 'window_start'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), windowStart: Number(row.window_start) };
}
