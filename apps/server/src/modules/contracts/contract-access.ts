import type { Db } from '../../schema.ts';
import { findOrganization } from '../people/index.ts';
import type { ContractAccess } from './contracts.policy.ts';
import type { ContractRow } from './contracts.repository.ts';

/** The facts the policy reads of a contract (its organisation's account manager from people). */
export async function contractAccessOf(db: Db, row: ContractRow | undefined): Promise<(r: ContractRow) => ContractAccess> {
  const organizationManagerId = row ? ((await findOrganization(db, row.organization_id))?.account_manager_id ?? null) : null;
  return (r) => ({ id: r.id, organizationManagerId, accountManagerId: r.account_manager_id });
}

/** The same for many rows: one read of their organisations. */
export async function contractAccessMap(db: Db, rows: readonly ContractRow[]): Promise<Map<number, ContractAccess>> {
  const orgs = new Map<number, number | null>();
  for (const id of new Set(rows.map((r) => r.organization_id))) orgs.set(id, (await findOrganization(db, id))?.account_manager_id ?? null);
  return new Map(rows.map((r) => [r.id, { id: r.id, organizationManagerId: orgs.get(r.organization_id) ?? null, accountManagerId: r.account_manager_id }]));
}
