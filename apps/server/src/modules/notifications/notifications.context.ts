import type { CommandContext } from '../../platform/commands/index.ts';
import type { Db } from '../../schema.ts';
import type { NotificationDriver } from './drivers/types.ts';

/** What the notification commands need: the database (or the job's transaction), the clock, and for `notify` the drivers. */
export interface NotificationsContext extends CommandContext {
  db: Db;
}

export interface NotifyContext extends NotificationsContext {
  drivers: readonly NotificationDriver[];
}
