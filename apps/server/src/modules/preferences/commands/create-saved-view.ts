import type { CreateSavedViewBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { requireUser } from '../../../platform/policy/index.ts';
import type { PreferencesContext } from '../preferences.context.ts';
import { PreferencesErrors } from '../preferences.errors.ts';
import { countSavedViews, insertSavedView, type SavedViewRow } from '../preferences.repository.ts';
import { checkedFilter, MAX_SAVED_VIEWS } from '../saved-view-rules.ts';

/** Saves a filtered view of the ticket list for the signed-in user alone. */
export const createSavedView = defineCommand(
  'saved_view.create',
  async (ctx: PreferencesContext, input: { actor: Actor } & CreateSavedViewBody): Promise<SavedViewRow> => {
    const actor = requireUser(input.actor);
    const filter = checkedFilter(input.filter);
    if ((await countSavedViews(ctx.db, actor.userId)) >= MAX_SAVED_VIEWS) throw new DomainError(PreferencesErrors['saved_view.too_many'], { max: MAX_SAVED_VIEWS });
    const now = ctx.clock.now();
    return insertSavedView(ctx.db, { user_id: actor.userId, name: input.name, filter, sort: input.sort ?? null, version: 1, created_at: now, updated_at: now });
  },
);
