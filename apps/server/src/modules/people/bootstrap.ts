import type { Db } from '../../schema.ts';
import { defaultGroupId } from './groups.repository.ts';

export const DEFAULT_GROUP = { name: 'میز خدمت', name_en: 'Service Desk' } as const;

/** The first-line group every installation starts with ("Service Desk", میز خدمت). */
export async function ensureDefaultGroup(db: Db, now: number): Promise<number> {
  const existing = await defaultGroupId(db);
  if (existing !== null) return existing;
  const row = await db
    .insertInto('groups')
    .values({ ...DEFAULT_GROUP, description: null, active: 1, created_at: now, updated_at: now, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
