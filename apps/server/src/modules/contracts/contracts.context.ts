import type { CommandContext } from '../../platform/commands/index.ts';
import type { Db } from '../../schema.ts';

/** What the contract commands need: the database (or the caller's transaction) and the clock. */
export interface ContractContext extends CommandContext {
  db: Db;
}
