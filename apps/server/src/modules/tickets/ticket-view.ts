import type { ActorResolver } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../schema.ts';
import type { TicketAccess } from './tickets.policy.ts';
import { loadRelated, type TicketRelated } from './tickets.queries.ts';
import { withAccessFacts, type TicketRow } from './tickets.repository.ts';

/** What a ticket command needs: the database (or the caller's transaction), the clock, and the channel-actor resolver. */
export interface TicketCommandContext {
  db: Db;
  clock: Clock;
  resolveActor?: ActorResolver;
}

/**
 * What every ticket command returns and presentTicket takes: the ticket as written, with its policy
 * facts and presentation data, read in the command's transaction — the route presents it as is.
 */
export interface TicketView {
  access: TicketAccess & { row: NonNullable<TicketRow> };
  related: TicketRelated;
}

/** The view of a ticket row a command has just written (policy facts and related names, same transaction). */
export async function ticketViewOf(db: Db, row: NonNullable<TicketRow>): Promise<TicketView> {
  const access = await withAccessFacts(db, row);
  return { access, related: await loadRelated(db, [row], new Map([[row.id, access]])) };
}
