import type { UpdateCategoryBody } from '@pishkhan/contracts';
import type { Clock } from '../../../platform/clock/index.ts';
import { transaction } from '../../../platform/db/index.ts';
import { CommonErrors, DomainError, notFound } from '../../../platform/http/errors.ts';
import type { Db } from '../../../schema.ts';
import { CategoryErrors } from '../categories.errors.ts';
import { listCategoryRows, loadCategoryRow, updateCategoryRow, type CategoryRow } from '../categories.repository.ts';
import { wouldCycle } from '../categories.tree.ts';

/**
 * Renames, moves, reorders, deactivates or reactivates a category (admins; the caller checked).
 * Takes the version the admin saw (409 record.stale); a move under itself or a descendant is
 * 409 category.cycle; a parent that does not exist is 422. Nothing is ever deleted.
 */
export async function updateCategory(deps: { db: Db; clock: Clock }, input: UpdateCategoryBody & { id: number }): Promise<CategoryRow> {
  return transaction(deps.db, async (trx) => {
    const current = await loadCategoryRow(trx, input.id);
    if (!current) throw notFound('category');
    if (current.version !== input.version) throw new DomainError(CommonErrors['record.stale']);
    const cols: Parameters<typeof updateCategoryRow>[1]['cols'] = {};
    if (input.name !== undefined) cols.name = input.name;
    if (input.nameEn !== undefined) cols.name_en = input.nameEn;
    if (input.position !== undefined) cols.position = input.position;
    if (input.active !== undefined) cols.active = input.active ? 1 : 0;
    if (input.parentId !== undefined && input.parentId !== current.parent_id) {
      const parentId = input.parentId;
      if (parentId !== null) {
        const all = await listCategoryRows(trx);
        if (!all.some((c) => c.id === parentId)) throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'parentId' });
        if (wouldCycle(new Map(all.map((c) => [c.id, c.parent_id])), current.id, parentId)) throw new DomainError(CategoryErrors['category.cycle']);
      }
      cols.parent_id = parentId;
    }
    const updated = await updateCategoryRow(trx, { id: current.id, version: current.version, now: deps.clock.now(), cols });
    if (!updated) throw new DomainError(CommonErrors['record.stale']);
    return updated;
  });
}
