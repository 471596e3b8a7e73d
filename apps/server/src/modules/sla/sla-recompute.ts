import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../schema.ts';
import type { CalendarLoader, LoadedCalendar } from '../calendars/index.ts';
import { applySlaStates, ticketSlaFacts, type SlaState, type TicketSlaFacts } from '../tickets/index.ts';
import { slaClocks, type Clocks } from './sla-clock.ts';
import { choosePolicies, clockPolicyOf, policyBook, type ContractsOfTickets } from './sla-policies.ts';
import { dueActions } from './sla-actions.ts';
import { claimedActionKeys, type SlaPolicyRow } from './sla.repository.ts';

const NO_SLA: Omit<SlaState, 'policyId'> = {
  firstResponseDueAt: null,
  nextResponseDueAt: null,
  resolutionDueAt: null,
  dueAt: null,
  nextEventAt: null,
  elapsedMs: 0,
  pausedMs: 0,
  firstResponseBreached: false,
  nextResponseBreached: false,
  resolutionBreached: false,
  breached: false,
};

function stateOf(policyId: number, clocks: Clocks): SlaState {
  const t = (name: string) => clocks.targets.find((x) => x.target === name);
  const running = clocks.targets.filter((x) => x.metAt === null && x.dueAt !== null).map((x) => x.dueAt!);
  return {
    dueAt: running.length ? Math.min(...running) : null,
    breached: clocks.targets.some((x) => x.breached),
    policyId,
    firstResponseDueAt: t('first_response')?.dueAt ?? null,
    nextResponseDueAt: t('next_response')?.dueAt ?? null,
    resolutionDueAt: t('resolution')?.dueAt ?? null,
    nextEventAt: clocks.nextEventAt,
    elapsedMs: clocks.elapsedMs,
    pausedMs: clocks.pausedMs,
    firstResponseBreached: t('first_response')?.breached ?? false,
    nextResponseBreached: t('next_response')?.breached ?? false,
    resolutionBreached: t('resolution')?.breached ?? false,
  };
}

export interface Recomputed {
  facts: TicketSlaFacts;
  policy: SlaPolicyRow;
  clocks: Clocks;
}

/**
 * Recomputes the SLA state of a set of tickets in the caller's transaction and writes what changed
 * through tickets' applySlaStates (history included). `reselect` re-chooses the policy (creation, or
 * a change of priority, type, category or organisation); otherwise a ticket keeps its policy and only
 * one without a policy gets one. The same starts are kept, so new targets may breach at once.
 * `deferActions` (a calendar's or policy's recompute, thousands of tickets a transaction): a ticket
 * whose clocks call for an action not yet taken gets its next SLA event at `now`, so the sweep takes
 * it within a minute, in its own transactions, and the chunk stays a short write.
 */
export async function recomputeTickets(
  db: Db,
  loader: CalendarLoader,
  actor: Actor,
  ids: readonly number[],
  now: number,
  options: { reselect: boolean; contracts?: ContractsOfTickets | undefined; deferActions?: boolean },
): Promise<Recomputed[]> {
  const { states, recomputed } = await slaStatesOf(db, loader, ids, now, options);
  if (options.deferActions) await leaveActionsToSweep(db, recomputed, states, now);
  await applySlaStates(db, actor, now, states);
  return recomputed;
}

/**
 * The SLA state each ticket's clocks give at `now`, beside the one stored, written nowhere: the
 * recompute writes it with history; an import (`settleImportedSla`) sets it as the ticket's past.
 */
export async function slaStatesOf(
  db: Db,
  loader: CalendarLoader,
  ids: readonly number[],
  now: number,
  options: { reselect: boolean; contracts?: ContractsOfTickets | undefined },
): Promise<{ states: { ticketId: number; state: SlaState; current: SlaState }[]; recomputed: Recomputed[]; calendars: Map<number, LoadedCalendar> }> {
  const facts = (await ticketSlaFacts(db, ids)).filter((f) => !f.merged);
  const loaded = new Map<number, LoadedCalendar>();
  if (facts.length === 0) return { states: [], recomputed: [], calendars: loaded };
  const book = await policyBook(db);
  const choose = options.reselect ? facts : facts.filter((f) => f.sla.policyId === null || !book.policies.has(f.sla.policyId));
  const chosen = choose.length > 0 ? await choosePolicies(db, book, choose, now, options.contracts) : new Map<number, number | null>();
  // One load (one version read) per calendar of the set, not per ticket.
  const calendars = new Map<number, Promise<LoadedCalendar | undefined>>();
  const calendarOf = (id: number) => calendars.get(id) ?? calendars.set(id, loader.load(db, id, now)).get(id)!;
  const states: { ticketId: number; state: SlaState; current: SlaState }[] = [];
  const out: Recomputed[] = [];
  for (const f of facts) {
    const policyId = chosen.has(f.id) ? chosen.get(f.id)! : f.sla.policyId;
    const policy = policyId === null ? undefined : book.policies.get(policyId);
    const calendar = policy ? await calendarOf(policy.calendar_id) : undefined;
    if (!policy || !calendar) {
      states.push({ ticketId: f.id, state: { policyId: null, ...NO_SLA }, current: f.sla });
      continue;
    }
    loaded.set(policy.calendar_id, calendar);
    const clocks = slaClocks(calendar.compiled, clockPolicyOf(policy, f.priority), f, now);
    states.push({ ticketId: f.id, state: stateOf(policy.id, clocks), current: f.sla });
    out.push({ facts: f, policy, clocks });
  }
  return { states, recomputed: out, calendars: loaded };
}

/** Brings forward the next SLA event of the tickets whose due actions are not all taken yet. */
async function leaveActionsToSweep(db: Db, recomputed: readonly Recomputed[], states: ReadonlyArray<{ ticketId: number; state: SlaState }>, now: number): Promise<void> {
  const due = new Map(recomputed.map((r) => [r.facts.id, dueActions(r.facts.id, r.clocks, now)] as const).filter(([, actions]) => actions.length > 0));
  if (due.size === 0) return;
  const claimed = await claimedActionKeys(db, [...due.keys()]);
  for (const { ticketId, state } of states) {
    if (due.get(ticketId)?.some((a) => !claimed.has(a.key))) state.nextEventAt = now;
  }
}
