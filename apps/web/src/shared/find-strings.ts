import { lazyStrings } from './i18n.ts';
import fa from './locales/find.fa.json';
import en from './locales/find.en.json';

/** The search results' strings (section find), loaded with the agent's results page and the portal's results only. */
export const useFindStrings = lazyStrings({ fa, en });
