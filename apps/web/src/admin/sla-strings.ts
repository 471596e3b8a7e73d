import type { i18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import fa from '../shared/locales/sla-admin.fa.json';
import en from '../shared/locales/sla-admin.en.json';

const loaded = new WeakSet<i18n>();

/**
 * The strings of the calendar, SLA and duty pages (sections calendars, slaAdmin, duty), loaded with
 * those pages only (the preferences page's away status included), like strings.ts for the admin pages.
 */
export function useSlaStrings(): void {
  const { i18n } = useTranslation();
  if (loaded.has(i18n)) return;
  i18n.addResourceBundle('fa', 'translation', fa, true, false);
  i18n.addResourceBundle('en', 'translation', en, true, false);
  loaded.add(i18n);
}
