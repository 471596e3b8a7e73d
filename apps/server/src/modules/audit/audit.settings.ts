import { defineSettings } from '../../platform/settings/index.ts';

export const auditSettings = defineSettings({
  /** Audit entries are deleted this many days after they were written (the daily retention job). */
  'audit.keep_days': 730 as number,
});
