import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../schema.ts';
import { ticketSettings } from './tickets.settings.ts';

const DAY = 24 * 60 * 60 * 1000;

/** Whether a ticket closed at `closedAt` is still within the reopen window. */
export async function mayReopenClosed(ctx: { db: Db; clock: Clock }, closedAt: number | null): Promise<boolean> {
  const days = await ticketSettings.get(ctx.db, 'tickets.reopen_closed_within_days');
  return days > 0 && closedAt !== null && ctx.clock.now() - closedAt <= days * DAY;
}
