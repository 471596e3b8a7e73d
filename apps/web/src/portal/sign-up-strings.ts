import { lazyStrings } from '../shared/i18n.ts';
import fa from '../shared/locales/signup.fa.json';
import en from '../shared/locales/signup.en.json';

/** The sign-up pages' strings (section signUp) travel with those pages, not in the portal's first screen. */
export const useSignUpStrings = lazyStrings({ fa, en });
