import i18next, { type i18n } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import fa from './locales/fa.json';
import en from './locales/en.json';
import { setApiLanguage } from './api.ts';

export type Lang = 'fa' | 'en';
export const LANGUAGES: readonly Lang[] = ['fa', 'en'];
const STORAGE_KEY = 'pishkhan.language';

export function directionOf(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'fa' ? 'rtl' : 'ltr';
}

/** Mantine's DirectionProvider does not touch <html>: the document's dir and lang are set here. */
export function applyDocumentLanguage(lang: Lang): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = directionOf(lang);
  setApiLanguage(lang);
}

export function storedLanguage(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'fa';
  } catch {
    return 'fa';
  }
}

export function rememberLanguage(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private modes may refuse storage; the preference on the server still holds.
  }
}

/** fa by default (Persian first), en second; every key exists in both (i18n-keys.test.ts). */
export function createI18n(lang: Lang = storedLanguage()): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { fa: { translation: fa }, en: { translation: en } },
    lng: lang,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  instance.on('languageChanged', (next) => applyDocumentLanguage(next === 'en' ? 'en' : 'fa'));
  applyDocumentLanguage(lang);
  return instance;
}

/**
 * A hook that adds a lazily loaded strings file (fa and en) to the i18n instance once, before the
 * calling page's own t() calls: the pages that import it bring their strings with them, and no
 * entry's first screen carries them (its bundle budget).
 */
export function lazyStrings(bundles: Record<Lang, Record<string, unknown>>): () => void {
  const loaded = new WeakSet<i18n>();
  return function useLazyStrings() {
    const { i18n } = useTranslation();
    if (loaded.has(i18n)) return;
    for (const lang of LANGUAGES) i18n.addResourceBundle(lang, 'translation', bundles[lang], true, false);
    loaded.add(i18n);
  };
}
