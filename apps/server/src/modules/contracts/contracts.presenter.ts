import type { Contract, TicketFilter } from '@pishkhan/contracts';
import type { Actor } from '../../platform/actor.ts';
import { abilities } from '../../platform/policy/index.ts';
import { dayOf, jalaliOf } from './contract-dates.ts';
import { termsOf } from './contract-fields.ts';
import { CONTRACT_ACTIONS, contractPolicy, type ContractAccess } from './contracts.policy.ts';
import type { ContractRow, ContractRuleRow, PenaltyTierRow } from './contracts.repository.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export function presentContract(actor: Actor, row: ContractRow, access: ContractAccess, rules: readonly ContractRuleRow[], tiers: readonly PenaltyTierRow[], now: number): Contract {
  const today = dayOf(now);
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    startsOnJalali: jalaliOf(row.starts_on),
    endsOnJalali: jalaliOf(row.ends_on),
    active: row.starts_on <= today && today <= row.ends_on,
    policyId: row.policy_id,
    accountManagerId: row.account_manager_id,
    rules: rules.map((r) => ({ filter: JSON.parse(r.filter) as TicketFilter, policyId: r.policy_id })),
    penalties: termsOf(row, tiers),
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    abilities: abilities(contractPolicy, actor, access, CONTRACT_ACTIONS),
  };
}
