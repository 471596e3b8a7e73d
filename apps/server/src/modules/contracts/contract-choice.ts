import type { ContractPlacement, ContractsOfTickets } from '../sla/index.ts';
import { dayOf } from './contract-dates.ts';
import { contractsOfOrganizations, rulesOfContracts } from './contracts.repository.ts';

/**
 * For sla's policy choice: the contract of each ticket's organisation whose period holds the day the
 * ticket was created (Tehran); of overlapping contracts the one that started last. So an expired
 * contract still places the tickets created while it ran, and none created after.
 */
export const contractsOfTickets: ContractsOfTickets = async (db, tickets) => {
  const out = new Map<number, ContractPlacement>();
  const withOrg = tickets.filter((t) => t.organizationId !== null).map((t) => ({ ...t, day: dayOf(t.createdAt) }));
  if (withOrg.length === 0) return out;
  const days = withOrg.map((t) => t.day).sort();
  const candidates = await contractsOfOrganizations(db, withOrg.map((t) => t.organizationId!), days[0]!, days[days.length - 1]!);
  const chosen = new Map<number, (typeof candidates)[number]>();
  for (const t of withOrg) {
    const c = candidates.find((x) => x.organization_id === t.organizationId && x.starts_on <= t.day && t.day <= x.ends_on);
    if (c) chosen.set(t.id, c);
  }
  const rules = await rulesOfContracts(db, [...new Set([...chosen.values()].map((c) => c.id))]);
  for (const [ticketId, c] of chosen) {
    out.set(ticketId, { contractId: c.id, policyId: c.policy_id, rules: (rules.get(c.id) ?? []).map((r) => ({ policyId: r.policy_id, filter: JSON.parse(r.filter) as unknown })) });
  }
  return out;
};
