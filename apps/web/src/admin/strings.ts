import type { i18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import fa from '../shared/locales/admin.fa.json';
import en from '../shared/locales/admin.en.json';

const loaded = new WeakSet<i18n>();

/**
 * The admin and account pages' strings (sections adminPages, account, audit, mail) travel with
 * those pages, not in either entry's first screen — the portal never loads them. Each page calls
 * this first; the bundle is added to the i18n instance once, before the page's own t() calls.
 */
export function useAdminStrings(): void {
  const { i18n } = useTranslation();
  if (loaded.has(i18n)) return;
  i18n.addResourceBundle('fa', 'translation', fa, true, false);
  i18n.addResourceBundle('en', 'translation', en, true, false);
  loaded.add(i18n);
}
