import type { PreferencesBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { expectVersion, updateAtVersion } from '../../../platform/db/versioned.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { requireUser } from '../../../platform/policy/index.ts';
import type { PreferencesContext } from '../preferences.context.ts';
import { PreferencesErrors } from '../preferences.errors.ts';
import { DEFAULT_PREFERENCES, presentPreferences } from '../preferences.presenter.ts';
import { findPreferences, insertPreferences, type PreferencesRow } from '../preferences.repository.ts';

function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Saves the signed-in user's own preferences (a partial change at the version they saw; 0 before
 * the first save). Only one's own: there is no other user's row to address.
 */
export const savePreferences = defineCommand(
  'preferences.save',
  async (ctx: PreferencesContext, input: { actor: Actor } & PreferencesBody): Promise<PreferencesRow> => {
    const actor = requireUser(input.actor);
    if (input.timeZone !== undefined && !knownTimeZone(input.timeZone)) throw new DomainError(PreferencesErrors['preferences.unknown_time_zone'], { timeZone: input.timeZone });
    const now = ctx.clock.now();
    const existing = await findPreferences(ctx.db, actor.userId);
    if (!existing) {
      expectVersion({ version: 0 }, input.version);
      const base = presentPreferences(undefined, actor.locale === 'en' ? 'en' : 'fa');
      return insertPreferences(ctx.db, {
        user_id: actor.userId,
        language: input.language ?? base.language,
        calendar: input.calendar ?? base.calendar,
        digits: input.digits ?? base.digits,
        time_zone: input.timeZone ?? base.timeZone ?? DEFAULT_PREFERENCES.timeZone,
        theme: input.theme ?? base.theme,
        version: 1,
        updated_at: now,
      });
    }
    expectVersion(existing, input.version);
    return updateAtVersion(ctx.db, 'user_preferences', existing.id, existing.version, {
      ...(input.language !== undefined ? { language: input.language } : {}),
      ...(input.calendar !== undefined ? { calendar: input.calendar } : {}),
      ...(input.digits !== undefined ? { digits: input.digits } : {}),
      ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
      ...(input.theme !== undefined ? { theme: input.theme } : {}),
      updated_at: now,
    });
  },
);
