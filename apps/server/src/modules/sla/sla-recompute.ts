import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../schema.ts';
import type { CalendarLoader } from '../calendars/index.ts';
import { applySlaStates, ticketSlaFacts, type SlaState, type TicketSlaFacts } from '../tickets/index.ts';
import { slaClocks, type Clocks } from './sla-clock.ts';
import { choosePolicies, clockPolicyOf, policyBook, type ContractsOfTickets } from './sla-policies.ts';
import type { SlaPolicyRow } from './sla.repository.ts';

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
 */
export async function recomputeTickets(
  db: Db,
  loader: CalendarLoader,
  actor: Actor,
  ids: readonly number[],
  now: number,
  options: { reselect: boolean; contracts?: ContractsOfTickets | undefined },
): Promise<Recomputed[]> {
  const facts = (await ticketSlaFacts(db, ids)).filter((f) => !f.merged);
  if (facts.length === 0) return [];
  const book = await policyBook(db);
  const choose = options.reselect ? facts : facts.filter((f) => f.sla.policyId === null || !book.policies.has(f.sla.policyId));
  const chosen = choose.length > 0 ? await choosePolicies(db, book, choose, now, options.contracts) : new Map<number, number | null>();
  const states: { ticketId: number; state: SlaState; current: SlaState }[] = [];
  const out: Recomputed[] = [];
  for (const f of facts) {
    const policyId = chosen.has(f.id) ? chosen.get(f.id)! : f.sla.policyId;
    const policy = policyId === null ? undefined : book.policies.get(policyId);
    const calendar = policy ? await loader.load(db, policy.calendar_id, now) : undefined;
    if (!policy || !calendar) {
      states.push({ ticketId: f.id, state: { policyId: null, ...NO_SLA }, current: f.sla });
      continue;
    }
    const clocks = slaClocks(calendar.compiled, clockPolicyOf(policy, f.priority), f, now);
    states.push({ ticketId: f.id, state: stateOf(policy.id, clocks), current: f.sla });
    out.push({ facts: f, policy, clocks });
  }
  await applySlaStates(db, actor, now, states);
  return out;
}
