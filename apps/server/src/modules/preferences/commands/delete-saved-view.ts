import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorize } from '../../../platform/policy/index.ts';
import type { PreferencesContext } from '../preferences.context.ts';
import { savedViewPolicy } from '../preferences.policy.ts';
import { deleteSavedView as deleteRow, findSavedView } from '../preferences.repository.ts';

/** Deletes one of the user's own views; another's is 404. */
export const deleteSavedView = defineCommand(
  'saved_view.delete',
  async (ctx: PreferencesContext, input: { actor: Actor; id: number }): Promise<void> => {
    const row = authorize(savedViewPolicy, input.actor, 'delete', await findSavedView(ctx.db, input.id));
    await deleteRow(ctx.db, row.id);
  },
);
