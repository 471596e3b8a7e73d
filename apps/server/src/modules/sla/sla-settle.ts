import { systemActor } from '../../platform/actor.ts';
import type { Db } from '../../schema.ts';
import { createCalendarLoader, type CalendarLoader } from '../calendars/index.ts';
import { importEscalations, importSlaStates, MAX_ESCALATION_LEVEL, type ImportedEscalation, type TicketSlaFacts } from '../tickets/index.ts';
import type { CompiledCalendar } from '@pishkhan/calendar';
import { slaClocks, type ClockFacts, type ClockPolicy } from './sla-clock.ts';
import { dueActions, ESCALATION_REASON } from './sla-actions.ts';
import { clockPolicyOf, type ContractsOfTickets } from './sla-policies.ts';
import { slaStatesOf } from './sla-recompute.ts';
import { insertActionsBulk, type SlaPolicyRow } from './sla.repository.ts';
import type { SlaTables } from './sla.tables.ts';
import type { Insertable } from 'kysely';

const STOPPED = new Set(['resolved', 'closed']);
/** A guard against a clock that never moves on: far more visits than a ticket's story has events. */
const MAX_VISITS = 10_000;

export interface SettledSla {
  tickets: number;
  actions: number;
  escalations: number;
}

/**
 * The SLA past of freshly imported tickets (bench seed data; later, imports from other desks), in the
 * caller's transaction: each gets the policy the commands choose (contract, rules, default) and the
 * clocks its own history gives at `now` — the state a recompute writes, set without history — and
 * every action the jobs and the sweep would have taken along the way is recorded as taken at its
 * time: warnings and breaches in `sla_actions`, and a breach's escalation in the ticket (level,
 * history). Settled like the seed's auto-close: no events, so no notification or mail, and a first
 * sweep finds nothing overdue. The policy's referral and priority raise are not replayed (the
 * default policy has neither; a policy with one is refused rather than settled half).
 */
export async function settleImportedSla(db: Db, ids: readonly number[], now: number, options: { contracts?: ContractsOfTickets; loader?: CalendarLoader } = {}): Promise<SettledSla> {
  const { states, recomputed, calendars } = await slaStatesOf(db, options.loader ?? createCalendarLoader(), ids, now, { reselect: true, contracts: options.contracts });
  await importSlaStates(db, states);
  const actions: Insertable<SlaTables['sla_actions']>[] = [];
  const escalations: ImportedEscalation[] = [];
  for (const { facts, policy } of recomputed) {
    if (policy.breach_refer_group_id !== null || policy.breach_raise_priority === 1) throw new Error(`settleImportedSla: policy ${policy.id} refers or raises priority at a breach, which an import does not replay`);
    replay(facts, policy, calendars.get(policy.calendar_id)!.compiled, now, actions, escalations);
  }
  await insertActionsBulk(db, actions);
  await importEscalations(db, systemActor('sla'), escalations);
  return { tickets: recomputed.length, actions: actions.length, escalations: escalations.length };
}

/**
 * One ticket's story as the SLA jobs saw it: a recompute at creation and at each status change and
 * public reply (the jobs on those events), and one at each warning and due instant between them (the
 * sweep, at its next-event time), each over the facts known by then; the actions due at a visit and
 * not yet taken are taken at that instant, a breach of a still-open target escalating a workable ticket.
 */
function replay(facts: TicketSlaFacts, policy: SlaPolicyRow, calendar: CompiledCalendar, end: number, actions: Insertable<SlaTables['sla_actions']>[], escalations: ImportedEscalation[]): void {
  const clockPolicy: ClockPolicy = clockPolicyOf(policy, facts.priority);
  const instants = [...new Set([...facts.statusChanges.map((c) => c.at), ...facts.replies.map((r) => r.at)])].filter((at) => at > facts.createdAt && at <= end).sort((a, b) => a - b);
  const taken = new Set<string>();
  let level = facts.escalationLevel;
  let at = facts.createdAt;
  let i = 0;
  for (let visit = 0; visit < MAX_VISITS && at <= end; visit++) {
    while (i < instants.length && instants[i]! <= at) i++;
    const known = asOf(facts, at);
    const clocks = slaClocks(calendar, clockPolicy, known, at);
    for (const a of dueActions(facts.id, clocks, at)) {
      if (taken.has(a.key)) continue;
      taken.add(a.key);
      actions.push({ action_key: a.key, ticket_id: facts.id, target: a.target, level: a.level, due_at: a.dueAt, created_at: at });
      // As takeSlaActions: a breach of a target still running escalates a ticket not resolved or closed, up to the managers.
      if (a.level === 'breach' && a.open && !STOPPED.has(known.status) && policy.breach_escalate === 1 && level < MAX_ESCALATION_LEVEL) {
        escalations.push({ ticketId: facts.id, from: level, to: level + 1, at, reason: ESCALATION_REASON[a.target]! });
        level++;
      }
    }
    const next = Math.min(instants[i] ?? Infinity, clocks.nextEventAt ?? Infinity);
    if (!(next > at)) throw new Error(`settleImportedSla: ticket ${facts.id}'s clock stands at ${at}`);
    at = next;
  }
}

/** The facts as they stood at `at`: the changes and replies made by then. */
function asOf(facts: TicketSlaFacts, at: number): ClockFacts {
  const statusChanges = facts.statusChanges.filter((c) => c.at <= at);
  const status = statusChanges.at(-1)?.to ?? 'new';
  const resolvedAt = STOPPED.has(status) ? ([...statusChanges].reverse().find((c) => c.to === 'resolved')?.at ?? facts.resolvedAt) : null;
  return {
    status,
    channel: facts.channel,
    createdAt: facts.createdAt,
    firstResponseAt: facts.firstResponseAt !== null && facts.firstResponseAt <= at ? facts.firstResponseAt : null,
    resolvedAt,
    statusChanges,
    replies: facts.replies.filter((r) => r.at <= at),
  };
}
