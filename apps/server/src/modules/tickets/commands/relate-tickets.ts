import type { RelationKind } from '@pishkhan/contracts';
import type { UserActor } from '../../../platform/actor.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { transaction } from '../../../platform/db/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { Db } from '../../../schema.ts';
import { insertRelation, loadRelationRow, parentOf, relationBetween, type RelationRow } from '../relations.repository.ts';
import { TicketErrors } from '../tickets.errors.ts';
import type { LandingAccess } from '../ticket-access.ts';

/** Deeper than any real incident hierarchy; a longer walk means the data is already wrong. */
const MAX_DEPTH = 100;

function refuse(reason: string): DomainError {
  return new DomainError(TicketErrors['ticket.invalid_relation'], { reason });
}

/**
 * Relates two tickets the actor works on (the caller has authorised 'relate' on both). Refused
 * with 409 ticket.invalid_relation: a ticket with itself, a merged ticket, a relation of the same
 * kind that already exists in either direction, a second parent, and a parent/child cycle.
 */
export async function relateTickets(
  deps: { db: Db; clock: Clock },
  input: { actor: UserActor; source: LandingAccess; target: LandingAccess; kind: RelationKind },
): Promise<RelationRow> {
  const { source, target, kind } = input;
  if (source.id === target.id) throw refuse('self');
  if (source.row.merged_into_id !== null || target.row.merged_into_id !== null) throw refuse('merged');
  return transaction(deps.db, async (trx) => {
    if (await relationBetween(trx, kind, source.id, target.id)) throw refuse('exists');
    if (kind === 'parent_child') {
      if ((await parentOf(trx, target.id)) !== undefined) throw refuse('second_parent');
      // source becomes target's parent: a cycle if target is already source or one of its ancestors.
      let ancestor: number | undefined = source.id;
      for (let depth = 0; ancestor !== undefined && depth < MAX_DEPTH; depth++) {
        if (ancestor === target.id) throw refuse('cycle');
        ancestor = await parentOf(trx, ancestor);
      }
      if (ancestor !== undefined) throw refuse('cycle');
    }
    const id = await insertRelation(trx, {
      kind,
      source_ticket_id: source.id,
      target_ticket_id: target.id,
      created_by_user_id: input.actor.userId,
      created_at: deps.clock.now(),
    });
    if (id === undefined) throw refuse('exists');
    return (await loadRelationRow(trx, id))!;
  });
}
