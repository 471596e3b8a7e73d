import type { Policy } from '../../platform/policy/index.ts';
import type { SavedViewRow } from './preferences.repository.ts';

export type SavedViewAction = 'update' | 'delete';

/** A saved view is its owner's alone: anyone else is told it does not exist (404). */
export const savedViewPolicy: Policy<SavedViewRow, SavedViewAction> = {
  entity: 'saved_view',
  can: (actor, _action, record) => actor.kind === 'user' && record.user_id === actor.userId,
};
