import { hasRole, type Actor } from '../../platform/actor.ts';
import type { CategoryRow } from './categories.repository.ts';
import { type Policy } from '../../platform/policy/index.ts';

export type CategoryAction = 'update';

/**
 * Categories: every signed-in person reads them (contacts only the active ones, the desk all);
 * only admins create and change them.
 */
export const categoryPolicy: Policy<Pick<CategoryRow, 'active'>, CategoryAction> = {
  entity: 'category',
  can(actor, action, category) {
    if (actor.kind === 'system') return true;
    if (actor.kind !== 'user') return false;
    if (action === 'read') return seesInactiveCategories(actor) || category.active === 1;
    return hasRole(actor, 'admin');
  },
};

/** The desk (any agent) sees inactive categories too, to manage and to read old tickets. */
export function seesInactiveCategories(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && actor.agent !== null);
}

export function mayCreateCategory(actor: Actor): boolean {
  return actor.kind === 'system' || hasRole(actor, 'admin');
}
