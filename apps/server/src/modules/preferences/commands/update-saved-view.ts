import type { UpdateSavedViewBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { updateAtVersion } from '../../../platform/db/versioned.ts';
import { authorizeEdit } from '../../../platform/policy/index.ts';
import type { PreferencesContext } from '../preferences.context.ts';
import { savedViewPolicy } from '../preferences.policy.ts';
import { findSavedView, type SavedViewRow } from '../preferences.repository.ts';
import { checkedFilter } from '../saved-view-rules.ts';

/** Renames or refilters one of the user's own views, at the version they saw; another's is 404. */
export const updateSavedView = defineCommand(
  'saved_view.update',
  async (ctx: PreferencesContext, input: { actor: Actor; id: number } & UpdateSavedViewBody): Promise<SavedViewRow> => {
    const row = authorizeEdit(savedViewPolicy, input.actor, 'update', await findSavedView(ctx.db, input.id), input.version);
    return updateAtVersion(ctx.db, 'saved_views', row.id, row.version, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.filter !== undefined ? { filter: checkedFilter(input.filter) } : {}),
      ...(input.sort !== undefined ? { sort: input.sort } : {}),
      updated_at: ctx.clock.now(),
    });
  },
);
