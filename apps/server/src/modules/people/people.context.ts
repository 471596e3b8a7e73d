import type { CommandContext } from '../../platform/commands/index.ts';
import type { MergeMover } from '../../context.ts';
import type { Db } from '../../schema.ts';

/** What the people commands need: the database (or the caller's transaction) and the clock. */
export interface PeopleContext extends CommandContext {
  db: Db;
}

/** The merge commands also move what other modules' tables say of the loser (app.ts injects tickets' and email's movers). */
export interface MergeContext extends PeopleContext {
  mergeMovers: readonly MergeMover[];
}
