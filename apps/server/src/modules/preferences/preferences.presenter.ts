import type { Preferences, SavedView, TicketFilter } from '@pishkhan/contracts';
import type { PreferencesRow, SavedViewRow } from './preferences.repository.ts';

/** What a user without a saved row sees: Persian, Jalali, Persian digits, Tehran, light. */
export const DEFAULT_PREFERENCES: Omit<Preferences, 'version'> = { language: 'fa', calendar: 'jalali', digits: 'persian', timeZone: 'Asia/Tehran', theme: 'light' };

export function presentPreferences(row: PreferencesRow | undefined, fallbackLanguage: 'fa' | 'en'): Preferences {
  if (!row) return { ...DEFAULT_PREFERENCES, language: fallbackLanguage, ...(fallbackLanguage === 'en' ? { calendar: 'gregorian', digits: 'latin' } : {}), version: 0 };
  return {
    language: row.language as Preferences['language'],
    calendar: row.calendar as Preferences['calendar'],
    digits: row.digits as Preferences['digits'],
    timeZone: row.time_zone,
    theme: row.theme as Preferences['theme'],
    version: row.version,
  };
}

export function presentSavedView(row: SavedViewRow): SavedView {
  return {
    id: row.id,
    name: row.name,
    filter: JSON.parse(row.filter) as TicketFilter,
    sort: row.sort as SavedView['sort'],
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
