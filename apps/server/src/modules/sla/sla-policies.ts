import type { SlaTarget, SlaTargets } from '@pishkhan/contracts';
import { systemActor } from '../../platform/actor.ts';
import type { Db } from '../../schema.ts';
import { checkTicketFilter, compileTicketFilter, ticketFilterFields, ticketIdsMatching, type TicketSlaFacts } from '../tickets/index.ts';
import type { ClockPolicy } from './sla-clock.ts';
import { findDefaultPolicy, listPolicies, listRules, type SlaPolicyRow } from './sla.repository.ts';

export function targetsOf(row: SlaPolicyRow): SlaTargets {
  return JSON.parse(row.targets) as SlaTargets;
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

/**
 * Which policy applies to each ticket: the first global rule (by position) whose filter matches,
 * else the default policy. One query per rule for the whole chunk, only over the tickets still unplaced.
 * (Contract rules of the organisation come first once contracts exist.)
 */
export async function choosePolicies(db: Db, book: PolicyBook, tickets: readonly TicketSlaFacts[], now: number): Promise<Map<number, number | null>> {
  const out = new Map<number, number | null>();
  let open = tickets.map((t) => t.id);
  for (const rule of book.rules) {
    if (open.length === 0) break;
    const where = compileTicketFilter(checkTicketFilter(rule.filter, ticketFilterFields), { actor: systemActor('sla'), now });
    const hit = await ticketIdsMatching(db, where, open);
    for (const id of hit) out.set(id, rule.policyId);
    open = open.filter((id) => !hit.has(id));
  }
  for (const id of open) out.set(id, book.defaultId);
  return out;
}
