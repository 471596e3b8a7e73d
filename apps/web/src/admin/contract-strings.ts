import { lazyStrings } from '../shared/i18n.ts';
import fa from '../shared/locales/contracts-admin.fa.json';
import en from '../shared/locales/contracts-admin.en.json';

/** The contracts pages' strings (section contractsAdmin), loaded with those pages only, like sla-strings.ts. */
export const useContractStrings = lazyStrings({ fa, en });
