import type { CommandContext } from '../../platform/commands/index.ts';
import type { Db } from '../../schema.ts';

/** What the SLA commands need: the database (or the caller's transaction) and the clock. */
export interface SlaContext extends CommandContext {
  db: Db;
}
