import type { Db } from '../../schema.ts';
import { defaultGroupId, insertGroup } from './groups.repository.ts';

export const DEFAULT_GROUP = { name: 'میز خدمت', name_en: 'Service Desk' } as const;

/** The first-line group every installation starts with ("Service Desk", میز خدمت). */
export async function ensureDefaultGroup(db: Db, now: number): Promise<number> {
  const existing = await defaultGroupId(db);
  if (existing !== null) return existing;
  return insertGroup(db, { name: DEFAULT_GROUP.name, nameEn: DEFAULT_GROUP.name_en, description: null, active: true, now });
}
