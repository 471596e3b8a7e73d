import type { UpdateCategoryBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { expectVersion, updateAtVersion } from '../../../platform/db/index.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import { authorize } from '../../../platform/policy/index.ts';
import { CategoryErrors } from '../categories.errors.ts';
import { categoryPolicy } from '../categories.policy.ts';
import { listCategoryRows, loadCategoryForUpdate, type CategoryChanges, type CategoryRow } from '../categories.repository.ts';
import { wouldCycle } from '../categories.tree.ts';
import type { CategoryCommandContext } from './create-category.ts';

/**
 * Renames, moves, reorders, deactivates or reactivates a category: admins only (404 for a
 * category the actor cannot see, 403 otherwise). Takes the version the admin saw (409
 * record.stale); a move under itself or a descendant is 409 category.cycle; a parent that does
 * not exist is 422. One version step; nothing is ever deleted. Returns the updated row.
 */
export const updateCategory = defineCommand(
  'category.update',
  async (ctx: CategoryCommandContext, input: UpdateCategoryBody & { actor: Actor; id: number }): Promise<CategoryRow> => {
    const trx = ctx.db;
    const row = await loadCategoryForUpdate(trx, input.id);
    authorize(categoryPolicy, input.actor, 'update', row);
    const current = row!;
    expectVersion(current, input.version);
    const cols: CategoryChanges = {};
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
    return updateAtVersion(trx, 'categories', current.id, current.version, { ...cols, updated_at: ctx.clock.now() });
  },
);
