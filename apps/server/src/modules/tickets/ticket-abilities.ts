import type { TicketAbilities } from '@pishkhan/contracts';
import type { Actor } from '../../platform/actor.ts';
import { expectVersion } from '../../platform/db/index.ts';
import { DomainError, forbidden } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { authorize } from '../../platform/policy/index.ts';
import { refuseMerged } from './merged-guard.ts';
import { TicketErrors, type EscalationRefusals } from './tickets.errors.ts';
import { ticketPolicy, type TicketAccess, type TicketAction } from './tickets.policy.ts';
import type { TicketRow } from './tickets.repository.ts';

/**
 * Whether an actor may do an action on a ticket now: who they are (tickets.policy) and where the
 * ticket is in its lifecycle (closed, merged, resolved, escalated). One function per action, called
 * by the command (which turns a refusal into its error) and by the presenter (whose `abilities`
 * therefore say exactly what the command will answer). Visibility (404) is checked before.
 */

export type ViewedTicket = TicketAccess & { row: Pick<NonNullable<TicketRow>, 'merged_into_id' | 'status'> };

/** Why an action is refused; null when it is allowed. */
export type Refusal =
  | { kind: 'forbidden'; action: string }
  | { kind: 'merged' }
  | { kind: 'closed' }
  | { kind: 'invalid_transition'; from: string; to: string }
  | { kind: 'invalid_escalation'; reason: keyof typeof EscalationRefusals };

/** The ticket when the actor can see it; 404 ticket otherwise (its existence is not revealed). */
export function visibleTo<T extends TicketAccess>(actor: Actor, t: T | undefined): T {
  authorize(ticketPolicy, actor, 'read', t);
  return t!;
}

const forbid = (action: string): Refusal => ({ kind: 'forbidden', action });

/** A merged ticket points to where the work went; a closed one takes no edits. */
function finished(t: ViewedTicket): Refusal | null {
  if (t.row.merged_into_id !== null) return { kind: 'merged' };
  if (t.status === 'closed') return { kind: 'closed' };
  return null;
}

/** Editing fields, status and taking it (PATCH): the desk that works it, on a ticket neither closed nor merged. */
export function updateRefusal(actor: Actor, t: ViewedTicket): Refusal | null {
  return ticketPolicy.can(actor, 'update', t) ? finished(t) : forbid('update');
}

/** Assigning it to someone else or another group: a supervisor of its group or a manager, on an editable ticket. */
export function reassignRefusal(actor: Actor, t: ViewedTicket): Refusal | null {
  return ticketPolicy.can(actor, 'reassign', t) ? finished(t) : forbid('reassign');
}

/** Escalating: the desk that works it, on a ticket neither closed, merged nor resolved. */
export function escalateRefusal(actor: Actor, t: ViewedTicket): Refusal | null {
  if (!ticketPolicy.can(actor, 'escalate', t)) return forbid('escalate');
  return finished(t) ?? (t.status === 'resolved' ? { kind: 'invalid_escalation', reason: 'resolved' } : null);
}

/**
 * Acknowledging or de-escalating: the addressees of an escalation at its level. Someone who could
 * handle one, asking when there is none, is told so (409) rather than refused (403).
 */
export function escalationHandlingRefusal(actor: Actor, t: ViewedTicket): Refusal | null {
  if (!ticketPolicy.can(actor, 'acknowledge_escalation', { ...t, escalation_level: Math.max(1, t.escalation_level) })) {
    return forbid('acknowledge_escalation');
  }
  return t.escalation_level === 0 ? { kind: 'invalid_escalation', reason: 'not_escalated' } : null;
}

/**
 * Confirming (→ closed) or reopening (→ open) a resolved ticket: its requester or the desk that
 * works it. Who could on a resolved ticket, asking on another status, gets 409 invalid_transition.
 */
export function resolvedRefusal(actor: Actor, action: 'confirm' | 'reopen', t: ViewedTicket): Refusal | null {
  if (!ticketPolicy.can(actor, action, { ...t, status: 'resolved' })) return forbid(action);
  if (t.status !== 'resolved') return { kind: 'invalid_transition', from: t.status, to: action === 'confirm' ? 'closed' : 'open' };
  return null;
}

/**
 * A public reply or an attachment (the timeline's commands): its participants and the desk. No
 * public reply on a closed ticket, from anyone (only inbound mail reopens those); the desk, which
 * may still note a closed ticket, may still attach files to it, a customer may not.
 */
export function publicWriteRefusal(actor: Actor, action: 'reply' | 'attach', t: ViewedTicket): Refusal | null {
  const closedToActor = t.status === 'closed' && (action === 'reply' || !ticketPolicy.can(actor, 'note', t));
  if (closedToActor && ticketPolicy.can(actor, action, { ...t, status: 'open' })) return { kind: 'closed' };
  return ticketPolicy.can(actor, action, t) ? null : forbid(action);
}

/** Actions whose rules are the policy's alone (note, relate, merge, history, watch). */
function policyRefusal(actor: Actor, action: TicketAction, t: ViewedTicket): Refusal | null {
  return ticketPolicy.can(actor, action, t) ? null : forbid(action);
}

/** Throws the error of a refusal (merged: 409 naming the ticket the work went to). */
export async function enforce(db: Db, t: ViewedTicket, refusal: Refusal | null): Promise<void> {
  if (refusal === null) return;
  switch (refusal.kind) {
    case 'forbidden':
      throw forbidden(refusal.action);
    case 'merged':
      await refuseMerged(db, t.row);
      throw new DomainError(TicketErrors['ticket.merged'], { number: t.row.merged_into_id });
    case 'closed':
      throw new DomainError(TicketErrors['ticket.closed']);
    case 'invalid_transition':
      throw new DomainError(TicketErrors['ticket.invalid_transition'], { from: refusal.from, to: refusal.to });
    case 'invalid_escalation':
      throw new DomainError(TicketErrors['ticket.invalid_escalation'], { reason: refusal.reason });
  }
}

/**
 * A command's check of its refusal around the caller's version: who may never do it is refused
 * (403) first; then a stale version (409 record.stale); then what the ticket's state refuses (409).
 */
export async function enforceAtVersion(db: Db, t: ViewedTicket & { row: { version: number } }, refusal: Refusal | null, version: number | undefined): Promise<void> {
  if (refusal?.kind === 'forbidden') await enforce(db, t, refusal);
  expectVersion(t.row, version);
  await enforce(db, t, refusal);
}

/** The reader's abilities on a ticket, from the same functions the commands call. */
export function ticketAbilities(actor: Actor, t: ViewedTicket): TicketAbilities {
  const ok = (r: Refusal | null) => r === null;
  return {
    update: ok(updateRefusal(actor, t)),
    reassign: ok(reassignRefusal(actor, t)),
    escalate: ok(escalateRefusal(actor, t)),
    acknowledgeEscalation: ok(escalationHandlingRefusal(actor, t)),
    reply: ok(publicWriteRefusal(actor, 'reply', t)),
    note: ok(policyRefusal(actor, 'note', t)),
    attach: ok(publicWriteRefusal(actor, 'attach', t)),
    relate: ok(policyRefusal(actor, 'relate', t)),
    merge: ok(policyRefusal(actor, 'merge', t)),
    history: ok(policyRefusal(actor, 'history', t)),
    watch: ok(policyRefusal(actor, 'watch', t)),
    confirm: ok(resolvedRefusal(actor, 'confirm', t)),
    reopen: ok(resolvedRefusal(actor, 'reopen', t)),
  };
}
