import { agentSideOf, contactSideOf, hasRole, isTrustedSystem, type Actor } from '../../platform/actor.ts';
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
    if (isTrustedSystem(actor)) return true;
    // A channel on behalf of a contact reads as that contact; only signed-in people read otherwise.
    if (actor.kind === 'anonymous' || (actor.kind === 'system' && !contactSideOf(actor))) return false;
    if (action === 'read') return seesInactiveCategories(actor) || category.active === 1;
    return hasRole(actor, 'admin');
  },
};

/** The desk (any agent) sees inactive categories too, to manage and to read old tickets. */
export function seesInactiveCategories(actor: Actor): boolean {
  return isTrustedSystem(actor) || agentSideOf(actor) !== null;
}

/** Admins (and the system itself, e.g. seeding) add categories; a channel on behalf of a contact never does. */
export function mayCreateCategory(actor: Actor): boolean {
  return isTrustedSystem(actor) || hasRole(actor, 'admin');
}
