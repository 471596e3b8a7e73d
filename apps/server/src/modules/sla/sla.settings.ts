import { defineSettings } from '../../platform/settings/index.ts';

/** Business settings owned by the sla module, contributed by registerSla and written with these defaults at first start. */
export const slaSettings = defineSettings({
  /**
   * Tickets the minute sweep takes per transaction (a full batch enqueues the next at once). Smaller
   * batches hold their locks for less time; the two-process fault test uses 10 so a kill splits a sweep.
   */
  'sla.sweep_batch': 500 as number,
});
