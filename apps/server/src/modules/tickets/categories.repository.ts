import { dialectOf } from '../../platform/db/index.ts';
import type { Db } from '../../schema.ts';

export type CategoryRow = NonNullable<Awaited<ReturnType<typeof loadCategoryRow>>>;

export function loadCategoryRow(db: Db, id: number) {
  return db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A category read inside a write transaction, held until commit (two edits apply one after the other). */
export function loadCategoryForUpdate(trx: Db, id: number) {
  return dialectOf(trx).forUpdate(trx.selectFrom('categories').selectAll().where('id', '=', id)).executeTakeFirst();
}

/** The columns an admin changes (updated_at and the version step are the command's). */
export type CategoryChanges = Partial<Pick<CategoryRow, 'parent_id' | 'name' | 'name_en' | 'position' | 'active'>>;

/** The whole tree: admin-managed and small (tens to hundreds of rows). */
export function listCategoryRows(db: Db) {
  return db.selectFrom('categories').selectAll().orderBy('id').execute();
}

/** The place after the last sibling under `parentId`. */
export async function nextPosition(db: Db, parentId: number | null): Promise<number> {
  const row = await db
    .selectFrom('categories')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('parent_id', parentId === null ? 'is' : '=', parentId)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

/** Inserts an active category at version 1 and returns its row. */
/** Category names for a page, in the reader's language (the English name when there is one): one query. */
export async function categoryNames(db: Db, ids: readonly number[], lang: 'fa' | 'en'): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('categories').select(['id', 'name', 'name_en']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, lang === 'en' && r.name_en ? r.name_en : r.name]));
}

export function insertCategory(
  db: Db,
  row: { parent_id: number | null; name: string; name_en: string | null; position: number; now: number },
): Promise<CategoryRow> {
  return db
    .insertInto('categories')
    .values({ parent_id: row.parent_id, name: row.name, name_en: row.name_en, position: row.position, active: 1, created_at: row.now, updated_at: row.now, version: 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
}
