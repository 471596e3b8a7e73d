import type { CreateCategoryBody } from '@pishkhan/contracts';
import type { AppContext } from '../../../context.ts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { CommonErrors, DomainError, forbidden } from '../../../platform/http/errors.ts';
import { mayCreateCategory } from '../categories.policy.ts';
import { insertCategory, loadCategoryRow, nextPosition, type CategoryRow } from '../categories.repository.ts';

/** What a category command needs: the database, the clock, and the actor resolver of defineCommand. */
export type CategoryCommandContext = Pick<AppContext, 'db' | 'clock' | 'resolveActor'>;

/**
 * Adds a category: admins only (403). Under a parent that must exist (422), placed after its
 * last sibling unless a position is given. Names are stored as written. Returns the new row.
 */
export const createCategory = defineCommand(
  'category.create',
  async (ctx: CategoryCommandContext, input: CreateCategoryBody & { actor: Actor }): Promise<CategoryRow> => {
    if (!mayCreateCategory(input.actor)) throw forbidden('create');
    const trx = ctx.db;
    const parentId = input.parentId ?? null;
    if (parentId !== null && !(await loadCategoryRow(trx, parentId))) {
      throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'parentId' });
    }
    return insertCategory(trx, {
      parent_id: parentId,
      name: input.name,
      name_en: input.nameEn ?? null,
      position: input.position ?? (await nextPosition(trx, parentId)),
      now: ctx.clock.now(),
    });
  },
);
