import type { RelationKind } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import { actorUserId } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorize } from '../../../platform/policy/index.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import type { TicketRefRow } from '../relations.presenter.ts';
import { insertRelation, loadRelationRow, parentOf, relationBetween, type RelationRow } from '../relations.repository.ts';
import { authorizeTicket, type TimelineCommandContext } from '../ticket-access.ts';
import { tellRelation } from '../relations.events.ts';
import { RelationRefusals, TicketErrors } from '../tickets.errors.ts';
import { ticketPolicy } from '../tickets.policy.ts';
import { loadTicketAccess, loadTicketForUpdate } from '../tickets.repository.ts';
import { pausePoint } from '../../../platform/testing/faults.ts';

/** Deeper than any real incident hierarchy; a longer walk means the data is already wrong. */
const MAX_DEPTH = 100;

/** The top of a ticket's parent/child tree (itself when it has no parent). */
async function rootOf(trx: TimelineCommandContext['db'], ticketId: number): Promise<number> {
  let root = ticketId;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const parent = await parentOf(trx, root);
    if (parent === undefined) return root;
    root = parent;
  }
  return root;
}

function refuse(reason: keyof typeof RelationRefusals): DomainError {
  return new DomainError(TicketErrors['ticket.invalid_relation'], { reason });
}

/**
 * Relates a ticket (the source) to another the actor also works on: 'relate' on the source
 * (404/403); a target the actor cannot see is 422 like one that does not exist, one they may not
 * relate 403. Refused with 409 ticket.invalid_relation: a ticket with itself, a merged ticket, a
 * relation of the same kind that already exists in either direction, a second parent, and a
 * parent/child cycle. Both tickets are locked first, in id order as merge does, so two concurrent
 * links through the same ticket check one after the other and cannot together give a child two
 * parents or close a cycle (the root of the source's tree is locked too). Returns the relation and the other ticket for the presenter.
 */
export const relateTickets = defineCommand(
  'ticket.relate',
  async (
    ctx: TimelineCommandContext,
    input: { actor: Actor; ticketId: number; targetTicketId: number; kind: RelationKind },
  ): Promise<{ relation: RelationRow; fromTicketId: number; other: TicketRefRow }> => {
    const { actor, kind } = input;
    const trx = ctx.db;
    // Lock in id order (as merge does): the checks below then see every link already committed
    // through either ticket, and two links of the same pair cannot deadlock. A parent/child link
    // also locks the root of the source's tree: a child must have no parent, so the link closes a
    // cycle only if its target is that root, and any link that could change the root locks it too
    // (it is that link's target) — so two links far apart cannot close a longer cycle together.
    const locked = new Set<number>();
    const lock = async (ids: readonly number[]) => {
      for (const id of [...new Set(ids)].filter((i) => !locked.has(i)).sort((a, b) => a - b)) {
        await loadTicketForUpdate(trx, id);
        locked.add(id);
      }
    };
    const parentChild = input.kind === 'parent_child';
    await lock(parentChild ? [input.ticketId, input.targetTicketId, await rootOf(trx, input.ticketId)] : [input.ticketId, input.targetTicketId]);
    // The root may have gained a parent before it was locked: follow it up until a locked root holds.
    for (let root = parentChild ? await rootOf(trx, input.ticketId) : undefined; root !== undefined && !locked.has(root); root = await rootOf(trx, input.ticketId)) {
      await lock([root]);
    }
    const source = await authorizeTicket(trx, actor, 'relate', input.ticketId);
    const target = await loadTicketAccess(trx, input.targetTicketId);
    if (!target || !ticketPolicy.can(actor, 'read', target)) throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'targetTicketId' });
    authorize(ticketPolicy, actor, 'relate', target);

    if (source.id === target.id) throw refuse('self');
    if (source.row.merged_into_id !== null || target.row.merged_into_id !== null) throw refuse('merged');
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
    await pausePoint('tickets.relate.after_check');
    const id = await insertRelation(trx, {
      kind,
      source_ticket_id: source.id,
      target_ticket_id: target.id,
      created_by_user_id: actorUserId(actor),
      created_at: ctx.clock.now(),
    });
    if (id === undefined) throw refuse('exists');
    await tellRelation(trx, ctx.clock, { eventType: 'ticket.related', relationId: id, kind, sourceId: source.id, targetId: target.id, actor });
    return { relation: (await loadRelationRow(trx, id))!, fromTicketId: source.id, other: target.row };
  },
);
