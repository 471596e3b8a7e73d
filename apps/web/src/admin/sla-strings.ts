import { lazyStrings } from '../shared/i18n.ts';
import fa from '../shared/locales/sla-admin.fa.json';
import en from '../shared/locales/sla-admin.en.json';

/**
 * The strings of the calendar, SLA and duty pages (sections calendars, slaAdmin, duty), loaded with
 * those pages only (the preferences page's away status included), like strings.ts for the admin pages.
 */
export const useSlaStrings = lazyStrings({ fa, en });
