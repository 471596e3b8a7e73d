import { defineSettings } from '../../platform/settings/index.ts';

/** The accounts settings an admin may change (Admin → Settings); bootstrap writes these defaults once. */
export const accessSettings = defineSettings({
  /** How long a ticket's magic link (in the "request received" mail) lets its customer in. */
  'access.ticket_link_days': 30 as number,
});
