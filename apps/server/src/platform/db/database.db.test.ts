import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database.ts';
import { listMigrations } from './index.ts';

let d: TestDatabase;
beforeAll(async () => {
  d = await createTestDatabase();
});
afterAll(() => d.drop());

describe('database', () => {
  it('runs on the dialect under test', () => expect(d.database.dialect.name).toBe(d.dialect));

  it('applied every migration, named YYYYMMDDHHMM_module_change', async () => {
    const applied = await d.database.kysely.selectFrom('schema_migrations' as never).select('name' as never).execute();
    const names = await listMigrations();
    expect(applied.map((r: any) => r.name).sort()).toEqual(names);
    for (const n of names) expect(n).toMatch(/^\d{12}_[a-z0-9]+_[a-z0-9_]+$/);
  });

  it('returns 64-bit integers (ids, epoch-ms times, counts) as JavaScript numbers', async () => {
    const db = d.database.kysely;
    const now = Date.UTC(2026, 10, 26, 12, 0, 0, 123);
    await db.insertInto('settings').values({ key: 'probe', value: '1', updated_at: now }).execute();
    const row = await db.selectFrom('settings').select(['updated_at']).where('key', '=', 'probe').executeTakeFirstOrThrow();
    expect(row.updated_at).toBe(now);
    const count = await db.selectFrom('settings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(typeof count.n).toBe('number');
  });

  it('runs SQLite durably (WAL, synchronous=FULL, foreign keys, busy timeout) or PostgreSQL', async () => {
    const db = d.database.kysely;
    if (d.dialect === 'sqlite') {
      const one = async (pragma: string) => Object.values((await sql.raw(`pragma ${pragma}`).execute(db)).rows[0] as object)[0];
      expect(await one('journal_mode')).toBe('wal');
      expect(await one('synchronous')).toBe(2);
      expect(await one('foreign_keys')).toBe(1);
      expect(await one('busy_timeout')).toBe(5000);
    } else {
      const r = await sql<{ v: string }>`select current_setting('server_version_num') as v`.execute(db);
      expect(Number(r.rows[0]!.v)).toBeGreaterThanOrEqual(130000);
    }
  });

  it('withoutFlush: only its own work commits without waiting for the disk (SQLite NORMAL inside, FULL again after and for everyone else)', async () => {
    const db = d.database.kysely;
    const level = async (on: typeof db) => Object.values((await sql.raw('pragma synchronous').execute(on)).rows[0] as object)[0];
    let inside: unknown;
    const others: Promise<unknown>[] = [];
    const result = await d.database.dialect.withoutFlush(db, async (conn) => {
      if (d.dialect === 'sqlite') {
        // Another query asked for meanwhile waits for the connection, so it never sees NORMAL.
        others.push(level(db));
        inside = await level(conn);
      }
      await conn.insertInto('settings').values({ key: 'probe.unflushed', value: '1', updated_at: 1 }).execute();
      return 'done';
    });
    expect(result).toBe('done');
    expect(await db.selectFrom('settings').select('value').where('key', '=', 'probe.unflushed').executeTakeFirst()).toEqual({ value: '1' });
    if (d.dialect === 'sqlite') {
      expect(inside).toBe(1);
      expect(await Promise.all(others)).toEqual([2]);
      expect(await level(db)).toBe(2);
    }
  });

  it('enforces foreign keys on both dialects', async () => {
    await expect(
      d.database.kysely.insertInto('group_members').values({ group_id: 999_999, agent_id: 999_999 }).execute(),
    ).rejects.toBeTruthy();
  });
});
