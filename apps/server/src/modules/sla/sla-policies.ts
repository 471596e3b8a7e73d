import type { SlaTarget, SlaTargets } from '@pishkhan/contracts';
import { systemActor } from '../../platform/actor.ts';
import type { Db } from '../../schema.ts';
import { checkTicketFilter, compileTicketFilter, ticketFilterFields, ticketIdsMatching, type TicketSlaFacts } from '../tickets/index.ts';
import type { ClockPolicy } from './sla-clock.ts';
import { findDefaultPolicy, listPolicies, listRules, type SlaPolicyRow } from './sla.repository.ts';

const parsed = new WeakMap<SlaPolicyRow, SlaTargets>();

/** A policy row's targets, parsed once per row read (a chunk reads its policies once for 1,000 tickets). */
export function targetsOf(row: SlaPolicyRow): SlaTargets {
  let targets = parsed.get(row);
  if (targets === undefined) parsed.set(row, (targets = JSON.parse(row.targets) as SlaTargets));
  return targets;
}

/** The clock settings of a policy for a ticket's priority. */
export function clockPolicyOf(row: SlaPolicyRow, priority: number): ClockPolicy {
  const t: SlaTarget = targetsOf(row)[String(priority) as keyof SlaTargets] ?? {};
  return { firstResponse: t.firstResponse, nextResponse: t.nextResponse, resolution: t.resolution, pauseOnThirdParty: row.pause_on_third_party === 1, warnAtPercent: row.warn_at_percent };
}

/** The policies and rules, read once for a chunk of tickets. */
export interface PolicyBook {
  policies: Map<number, SlaPolicyRow>;
  rules: { policyId: number; filter: unknown }[];
  defaultId: number | null;
}

export async function policyBook(db: Db): Promise<PolicyBook> {
  const [policies, rules, def] = await Promise.all([listPolicies(db), listRules(db), findDefaultPolicy(db)]);
  return { policies: new Map(policies.map((p) => [p.id, p])), rules: rules.map((r) => ({ policyId: r.policy_id, filter: JSON.parse(r.filter) as unknown })), defaultId: def?.id ?? null };
}

/** The contract that places a ticket: its rules, in order, and its own policy when none matches. */
export interface ContractPlacement {
  contractId: number;
  policyId: number;
  rules: { policyId: number; filter: unknown }[];
}

/**
 * The active contract of each ticket's organisation at the ticket's creation (contracts' answer,
 * handed to registerSla by app.ts so that sla does not import contracts); tickets without one are absent.
 */
export type ContractsOfTickets = (db: Db, tickets: readonly { id: number; organizationId: number | null; createdAt: number }[]) => Promise<Map<number, ContractPlacement>>;

/** The tickets of `open` that match a rule's filter (one query for the set). */
async function matching(db: Db, filter: unknown, open: readonly number[], now: number): Promise<Set<number>> {
  const where = compileTicketFilter(checkTicketFilter(filter, ticketFilterFields), { actor: systemActor('sla'), now });
  return ticketIdsMatching(db, where, [...open]);
}

/**
 * Which policy applies to each ticket: (1) the rules of its organisation's contract active at the
 * ticket's creation — the first matching rule, else the contract's policy; (2) the first global rule
 * (by position) whose filter matches; (3) the default policy. One query per rule for each set of
 * tickets, only over the tickets still unplaced. An expired contract places only tickets created in its period.
 */
export async function choosePolicies(db: Db, book: PolicyBook, tickets: readonly TicketSlaFacts[], now: number, contracts?: ContractsOfTickets): Promise<Map<number, number | null>> {
  const out = new Map<number, number | null>();
  let open = tickets.map((t) => t.id);
  if (contracts) {
    const placed = await contracts(db, tickets);
    const byContract = new Map<number, { placement: ContractPlacement; ids: number[] }>();
    for (const [ticketId, placement] of placed) {
      const entry = byContract.get(placement.contractId) ?? byContract.set(placement.contractId, { placement, ids: [] }).get(placement.contractId)!;
      entry.ids.push(ticketId);
    }
    for (const { placement, ids } of byContract.values()) {
      let left = ids;
      for (const rule of placement.rules) {
        if (left.length === 0) break;
        const hit = await matching(db, rule.filter, left, now);
        for (const id of hit) out.set(id, rule.policyId);
        left = left.filter((id) => !hit.has(id));
      }
      for (const id of left) out.set(id, placement.policyId);
    }
    open = open.filter((id) => !out.has(id));
  }
  for (const rule of book.rules) {
    if (open.length === 0) break;
    const hit = await matching(db, rule.filter, open, now);
    for (const id of hit) out.set(id, rule.policyId);
    open = open.filter((id) => !hit.has(id));
  }
  for (const id of open) out.set(id, book.defaultId);
  return out;
}
