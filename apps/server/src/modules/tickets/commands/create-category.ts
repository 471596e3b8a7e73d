import type { CreateCategoryBody } from '@pishkhan/contracts';
import type { Clock } from '../../../platform/clock/index.ts';
import { transaction } from '../../../platform/db/index.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import type { Db } from '../../../schema.ts';
import { insertCategory, loadCategoryRow, nextPosition, type CategoryRow } from '../categories.repository.ts';

/**
 * Adds a category (admins; the caller checked). Under a parent that must exist (422), placed
 * after its last sibling unless a position is given. Names are stored as written.
 */
export async function createCategory(deps: { db: Db; clock: Clock }, input: CreateCategoryBody): Promise<CategoryRow> {
  return transaction(deps.db, async (trx) => {
    const parentId = input.parentId ?? null;
    if (parentId !== null && !(await loadCategoryRow(trx, parentId))) {
      throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'parentId' });
    }
    const id = await insertCategory(trx, {
      parent_id: parentId,
      name: input.name,
      name_en: input.nameEn ?? null,
      position: input.position ?? (await nextPosition(trx, parentId)),
      now: deps.clock.now(),
    });
    return (await loadCategoryRow(trx, id))!;
  });
}
