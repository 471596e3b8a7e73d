import type * as LanguageCommon from '@zxcvbn-ts/language-common';
import { onFirstUse } from '../../platform/on-first-use.ts';

const load = onFirstUse<typeof LanguageCommon>(import.meta.url, '@zxcvbn-ts/language-common');

/**
 * @zxcvbn-ts/language-common's word lists, read the first time a new password is checked (ADR
 * 0037): all of them are strings in the heap once the package loads, and most of a server's life
 * sets no password.
 */
export const dictionary = {
  get 'passwords-common'(): (typeof LanguageCommon.dictionary)['passwords-common'] {
    return load().dictionary['passwords-common'];
  },
};
