import type { Db } from '../../schema.ts';

export type CategoryRow = NonNullable<Awaited<ReturnType<typeof loadCategoryRow>>>;

export function loadCategoryRow(db: Db, id: number) {
  return db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
}

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

export async function insertCategory(
  db: Db,
  row: { parent_id: number | null; name: string; name_en: string | null; position: number; now: number },
): Promise<number> {
  const inserted = await db
    .insertInto('categories')
    .values({ parent_id: row.parent_id, name: row.name, name_en: row.name_en, position: row.position, active: 1, created_at: row.now, updated_at: row.now, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Applies changes under the optimistic version check; undefined when the version moved. */
export function updateCategoryRow(
  db: Db,
  input: { id: number; version: number; now: number; cols: Partial<Pick<CategoryRow, 'parent_id' | 'name' | 'name_en' | 'position' | 'active'>> },
) {
  return db
    .updateTable('categories')
    .set({ ...input.cols, updated_at: input.now, version: input.version + 1 })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .returningAll()
    .executeTakeFirst();
}
