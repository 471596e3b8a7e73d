import type { i18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import fa from '../shared/locales/signup.fa.json';
import en from '../shared/locales/signup.en.json';

const loaded = new WeakSet<i18n>();

/**
 * The sign-up pages' strings (section signUp) travel with those pages, not in the portal's first
 * screen (its bundle budget): each page calls this first, and the bundle is added once.
 */
export function useSignUpStrings(): void {
  const { i18n } = useTranslation();
  if (loaded.has(i18n)) return;
  i18n.addResourceBundle('fa', 'translation', fa, true, false);
  i18n.addResourceBundle('en', 'translation', en, true, false);
  loaded.add(i18n);
}
