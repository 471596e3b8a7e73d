import { lazyStrings } from '../shared/i18n.ts';
import fa from '../shared/locales/admin.fa.json';
import en from '../shared/locales/admin.en.json';

/**
 * The admin and account pages' strings (sections adminPages, account, audit, mail) travel with
 * those pages, not in either entry's first screen — the portal never loads them. Each page calls
 * this first.
 */
export const useAdminStrings = lazyStrings({ fa, en });
