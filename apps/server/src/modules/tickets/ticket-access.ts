import type { AppContext } from '../../context.ts';
import type { Actor } from '../../platform/actor.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { authorize } from '../../platform/policy/index.ts';
import type { Db } from '../../schema.ts';
import { mergedIntoOf } from './merge.repository.ts';
import { refuseMerged } from './merged-guard.ts';
import { TicketErrors } from './tickets.errors.ts';
import { ticketPolicy, type TicketAction, type TicketAccess } from './tickets.policy.ts';
import { loadTicketAccess, loadTicketAccessForUpdate, type TicketRow } from './tickets.repository.ts';

/** The general ticket authorisation of commands and reads, and where writes to a merged ticket land. */

/** What a timeline command needs (replies, notes, uploads, relations, merges, watchers): the database, the clock, and the actor resolver of defineCommand. */
export type TimelineCommandContext = Pick<AppContext, 'db' | 'clock' | 'resolveActor'>;

/** Merges never chain (merge-tickets flattens them); the bound only protects against bad data. */
const MAX_HOPS = 8;

/**
 * The ticket that receives whatever is addressed to `ticketId`: itself, or — once it was merged —
 * the ticket it was merged into. Undefined when no such ticket exists.
 */
export async function resolveMergeTarget(db: Db, ticketId: number): Promise<number | undefined> {
  let id = ticketId;
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const mergedInto = await mergedIntoOf(db, id);
    if (mergedInto === undefined) return undefined;
    if (mergedInto === null) return id;
    id = mergedInto;
  }
  return id;
}

export type LandingAccess = TicketAccess & { row: NonNullable<TicketRow> };

/**
 * Loads a ticket with its policy facts and authorises `action` on it (404 unseen, 403 not allowed).
 * A command passes `forUpdate` to hold the row until it commits (tickets.repository loadTicketForUpdate).
 */
export async function authorizeTicket(
  db: Db,
  actor: Actor,
  action: TicketAction | 'read',
  ticketId: number,
  options: { forUpdate?: boolean } = {},
): Promise<LandingAccess> {
  const access = options.forUpdate ? await loadTicketAccessForUpdate(db, ticketId) : await loadTicketAccess(db, ticketId);
  return authorize(ticketPolicy, actor, action, access) as LandingAccess;
}

/**
 * Authorises, inside a command, a write addressed to a ticket that lands where the merge rule
 * sends it (replies, notes, attachments), holding the landing ticket's row until commit: the
 * checks apply to the landing ticket. 404 when it is not visible; 409 ticket.merged when a merge
 * got there first; 409 ticket.closed on a closed ticket for whoever could write were it open;
 * 403 for everyone else who may not.
 */
export async function authorizeLanding(trx: Db, actor: Actor, action: TicketAction, ticketId: number): Promise<LandingAccess> {
  // Most tickets are not merged: lock the addressed one, and follow the merge only when it was.
  const mergedInto = await mergedIntoOf(trx, ticketId);
  const landingId = mergedInto === null || mergedInto === undefined ? ticketId : await resolveMergeTarget(trx, mergedInto);
  const access = mergedInto === undefined || landingId === undefined ? undefined : await loadTicketAccessForUpdate(trx, landingId);
  const visible = authorize(ticketPolicy, actor, 'read', access) as LandingAccess;
  await refuseMerged(trx, visible.row);
  refuseClosed(actor, action, visible);
  return authorize(ticketPolicy, actor, action, visible) as LandingAccess;
}

/**
 * A closed ticket takes no public reply, and no upload the policy refuses there: 409 ticket.closed
 * for whoever could do it were the ticket open (a follow-up ticket is the way to write again);
 * everyone else keeps the plain 403.
 */
function refuseClosed(actor: Actor, action: TicketAction, t: LandingAccess): void {
  if (t.status !== 'closed' || (action !== 'reply' && action !== 'attach')) return;
  const refusedHere = action === 'reply' || !ticketPolicy.can(actor, action, t);
  if (refusedHere && ticketPolicy.can(actor, action, { ...t, status: 'open' })) throw new DomainError(TicketErrors['ticket.closed']);
}

/** Whether the actor writes on this ticket as the desk (agent reply, channel 'agent') rather than as a customer. */
export function writesAsAgent(actor: Actor, access: TicketAccess): boolean {
  return actor.kind === 'user' && actor.agent !== null && ticketPolicy.can(actor, 'note', access);
}
