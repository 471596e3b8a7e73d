import { hasRole, isTrustedSystem } from '../../platform/actor.ts';
import type { Policy } from '../../platform/policy/index.ts';

/** The index as a whole: the record of rebuilds. Anyone signed in may "read" (search); only admins and the system rebuild. */
export const SEARCH_INDEX = { entity: 'search_index' } as const;
export type SearchIndexAction = 'rebuild';

export const searchIndexPolicy: Policy<typeof SEARCH_INDEX, SearchIndexAction> = {
  entity: 'search_index',
  can(actor, action) {
    if (action === 'read') return actor.kind !== 'anonymous';
    return isTrustedSystem(actor) || hasRole(actor, 'admin');
  },
};
