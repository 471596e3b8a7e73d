import type { Generated } from 'kysely';

/** Contracts of organisations, their SLA rules and penalty tiers (migration 202612041000). Money: integer Rials, 64-bit. */
export interface ContractTables {
  contracts: {
    id: Generated<number>;
    organization_id: number;
    name: string;
    starts_on: string;
    ends_on: string;
    policy_id: number;
    account_manager_id: number | null;
    penalty_per_breach: number;
    penalty_per_hour: number;
    penalty_tier_basis: string;
    penalty_cap: number | null;
    penalty_cap_period: string;
    version: number;
    created_at: number;
    updated_at: number;
  };
  contract_rules: {
    id: Generated<number>;
    contract_id: number;
    position: number;
    filter: string;
    policy_id: number;
  };
  contract_penalty_tiers: {
    id: Generated<number>;
    contract_id: number;
    from_value: number;
    per_breach: number;
    per_hour: number;
  };
  contract_notices: {
    id: Generated<number>;
    notice_key: string;
    contract_id: number;
    created_at: number;
  };
}
