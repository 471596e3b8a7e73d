import { systemActor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { recordEvent } from '../../platform/events/index.ts';
import { faultPoint } from '../../platform/testing/faults.ts';
import type { Db } from '../../schema.ts';
import { escalateTicket, loadTicketRow, MAX_ESCALATION_LEVEL, updateTicket, type TicketCommandContext } from '../tickets/index.ts';
import type { Clocks, TargetClock } from './sla-clock.ts';
import type { Recomputed } from './sla-recompute.ts';
import { claimAction } from './sla.repository.ts';

/** Why the sweep escalates, in history (fa and en). */
export const ESCALATION_REASON: Record<string, string> = {
  first_response: 'مهلت نخستین پاسخ گذشت (SLA first response breached)',
  next_response: 'مهلت پاسخ بعدی گذشت (SLA next response breached)',
  resolution: 'مهلت حل گذشت (SLA resolution breached)',
};

export interface DueAction {
  key: string;
  target: TargetClock['target'];
  level: 'warning' | 'breach';
  dueAt: number;
  /** The target is still running (not met): a breach of it may escalate. */
  open: boolean;
}

/**
 * The actions a ticket's clocks call for at `now`, keyed (ticket, target, cycle, level): a warning
 * once the warning share of a running target is reached, a breach once it is breached. A
 * next-response cycle is keyed by its start (each customer reply starts one). Pure: the sweep takes
 * them, and a recompute that leaves them to the sweep asks which are still untaken.
 */
export function dueActions(ticketId: number, clocks: Clocks, now: number): DueAction[] {
  const out: DueAction[] = [];
  for (const t of clocks.targets) {
    if (t.dueAt === null) continue;
    const base = `sla:${ticketId}:${t.target}:${t.startedAt}`;
    const open = t.metAt === null;
    if (open && !t.breached && t.warnAt !== null && now >= t.warnAt) out.push({ key: `${base}:warning`, target: t.target, level: 'warning', dueAt: t.dueAt, open });
    if (t.breached) out.push({ key: `${base}:breach`, target: t.target, level: 'breach', dueAt: t.dueAt, open });
  }
  return out;
}

/**
 * The policy's actions for what a recompute found, each once: the unique key is claimed in the
 * same transaction that records the event the notifications follow (and, at a breach, escalates),
 * so a retried or concurrent sweep does nothing twice. Warnings and breaches are instants in
 * business time, so they fall in working hours.
 */
export async function takeSlaActions(ctx: TicketCommandContext & { clock: Clock }, db: Db, recomputed: readonly Recomputed[], now: number): Promise<number> {
  let taken = 0;
  for (const { facts, policy, clocks } of recomputed) {
    let level = facts.escalationLevel;
    for (const a of dueActions(facts.id, clocks, now)) {
      if (!(await claimAction(db, { action_key: a.key, ticket_id: facts.id, target: a.target, level: a.level, due_at: a.dueAt, created_at: now }))) continue;
      await recordEvent(db, ctx.clock, a.level === 'warning' ? 'ticket.sla_warning' : 'ticket.sla_breached', { ticketId: facts.id, target: a.target, dueAt: a.dueAt, actionKey: a.key });
      taken++;
      // A crash test kills here: this claim and its event are written, the transaction is still open.
      faultPoint('sla.after_action_claimed');
      if (a.level === 'warning') continue;
      const workable = a.open && facts.status !== 'resolved' && facts.status !== 'closed';
      const reason = ESCALATION_REASON[a.target]!;
      if (workable && policy.breach_escalate === 1 && level < MAX_ESCALATION_LEVEL) {
        await escalateTicket({ ...ctx, db }, { actor: systemActor('sla'), ticketId: facts.id, kind: 'hierarchical', reason });
        level++;
      }
      if (workable && policy.breach_refer_group_id !== null && policy.breach_refer_group_id !== facts.assigneeGroupId) {
        await escalateTicket({ ...ctx, db }, { actor: systemActor('sla'), ticketId: facts.id, kind: 'functional', groupId: policy.breach_refer_group_id, reason });
        facts.assigneeGroupId = policy.breach_refer_group_id;
      }
      // One step up (P3 → P2), never above P1: an override by the sla actor, in history; the new targets apply to the same starts.
      if (workable && policy.breach_raise_priority === 1) {
        const row = await loadTicketRow(db, facts.id);
        if (row && row.priority > 1) {
          await updateTicket({ ...ctx, db }, { actor: systemActor('sla'), ticketId: facts.id, body: { version: row.version, priorityOverride: { priority: row.priority - 1, reason } } });
          facts.priority = row.priority - 1;
        }
      }
    }
  }
  return taken;
}
