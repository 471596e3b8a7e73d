import { defineSettings } from '../../platform/settings/index.ts';
import { DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from './priority.ts';

/** Business settings owned by the tickets module, contributed by registerTickets and written with these defaults at first start. */
export const ticketSettings = defineSettings({
  /** A resolved ticket closes itself after this many days (the sweep comes with the SLA issue). */
  'tickets.auto_close_after_days': 7 as number,
  /** An inbound customer mail reopens a closed ticket within this many days; 0 = never (a follow-up opens). */
  'tickets.reopen_closed_within_days': 0 as number,
  /** Shown before ticket numbers: "#10234". */
  'tickets.number_prefix': '#' as string,
  /** The first ticket number of a new installation. */
  'tickets.first_number': 10001 as number,
  /** rows impact H/M/L × columns urgency H/M/L → priority 1..4. */
  'tickets.priority_matrix': DEFAULT_PRIORITY_MATRIX as PriorityMatrix | unknown,
  /** The same limit as mail (50 MB). */
  'attachments.max_bytes': (50 * 1024 * 1024) as number,
});
