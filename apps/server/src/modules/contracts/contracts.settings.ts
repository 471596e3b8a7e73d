import { defineSettings } from '../../platform/settings/index.ts';

/** The contracts module's settings (written with these defaults at first start). */
export const contractSettings = defineSettings({
  /** The account manager hears of a contract's end this many days before its last day; 0: never. */
  'contracts.expiry_notice_days': 30 as number,
});
