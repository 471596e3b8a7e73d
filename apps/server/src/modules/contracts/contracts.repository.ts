import type { Insertable, Selectable, Updateable } from 'kysely';
import { dialectOf } from '../../platform/db/index.ts';
import { updateAtVersion } from '../../platform/db/versioned.ts';
import type { Executor } from '../../schema.ts';
import { organizationsManagedBy } from '../people/index.ts';
import type { ContractTables } from './contracts.tables.ts';

export type ContractRow = Selectable<ContractTables['contracts']>;
export type ContractRuleRow = Selectable<ContractTables['contract_rules']>;
export type PenaltyTierRow = Selectable<ContractTables['contract_penalty_tiers']>;

/** All contracts (admins, managers), or those a crm agent manages (their organisations' or their own), newest period first. */
export async function listContractRows(db: Executor, scope: { managerAgentId?: number; organizationId?: number }): Promise<ContractRow[]> {
  let q = db.selectFrom('contracts').selectAll().orderBy('starts_on', 'desc').orderBy('id').limit(1000);
  if (scope.organizationId !== undefined) q = q.where('organization_id', '=', scope.organizationId);
  const agentId = scope.managerAgentId;
  if (agentId !== undefined) q = q.where((eb) => eb.or([eb('account_manager_id', '=', agentId), eb('organization_id', 'in', organizationsManagedBy(agentId))]));
  return q.execute();
}

export async function findContractRow(db: Executor, id: number): Promise<ContractRow | undefined> {
  return db.selectFrom('contracts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findContractForUpdate(db: Executor, id: number): Promise<ContractRow | undefined> {
  return dialectOf(db).forUpdate(db.selectFrom('contracts').selectAll().where('id', '=', id)).executeTakeFirst();
}

export async function insertContract(db: Executor, row: Insertable<ContractTables['contracts']>): Promise<ContractRow> {
  return db.insertInto('contracts').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateContractAtVersion(db: Executor, id: number, version: number, set: Updateable<ContractTables['contracts']>): Promise<ContractRow> {
  return updateAtVersion(db, 'contracts', id, version, set);
}

export async function deleteContractRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('contract_rules').where('contract_id', '=', id).execute();
  await db.deleteFrom('contract_penalty_tiers').where('contract_id', '=', id).execute();
  await db.deleteFrom('contracts').where('id', '=', id).execute();
}

/** Replaces a contract's rules (in order) and tiers. */
export async function replaceContractRules(db: Executor, contractId: number, rules: readonly { filter: string; policy_id: number }[]): Promise<void> {
  await db.deleteFrom('contract_rules').where('contract_id', '=', contractId).execute();
  if (rules.length) await db.insertInto('contract_rules').values(rules.map((r, position) => ({ contract_id: contractId, position, ...r }))).execute();
}

export async function replacePenaltyTiers(db: Executor, contractId: number, tiers: readonly { from_value: number; per_breach: number; per_hour: number }[]): Promise<void> {
  await db.deleteFrom('contract_penalty_tiers').where('contract_id', '=', contractId).execute();
  if (tiers.length) await db.insertInto('contract_penalty_tiers').values(tiers.map((t) => ({ contract_id: contractId, ...t }))).execute();
}

export async function rulesOfContracts(db: Executor, ids: readonly number[]): Promise<Map<number, ContractRuleRow[]>> {
  const out = new Map<number, ContractRuleRow[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('contract_rules').selectAll().where('contract_id', 'in', [...ids]).orderBy('contract_id').orderBy('position').execute();
  for (const r of rows) out.get(Number(r.contract_id))?.push(r);
  return out;
}

export async function tiersOfContracts(db: Executor, ids: readonly number[]): Promise<Map<number, PenaltyTierRow[]>> {
  const out = new Map<number, PenaltyTierRow[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('contract_penalty_tiers').selectAll().where('contract_id', 'in', [...ids]).orderBy('contract_id').orderBy('from_value').execute();
  for (const r of rows) out.get(Number(r.contract_id))?.push(r);
  return out;
}

/** Contracts of these organisations whose period holds one of the days (ISO dates): the candidates for a ticket's policy. */
export async function contractsOfOrganizations(db: Executor, organizationIds: readonly number[], firstDay: string, lastDay: string): Promise<ContractRow[]> {
  if (organizationIds.length === 0) return [];
  return db
    .selectFrom('contracts')
    .selectAll()
    .where('organization_id', 'in', [...new Set(organizationIds)])
    .where('starts_on', '<=', lastDay)
    .where('ends_on', '>=', firstDay)
    .orderBy('starts_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Contracts ending within [fromDay, toDay] (ISO dates): the expiry notices due. */
export async function contractsEndingBetween(db: Executor, fromDay: string, toDay: string, limit: number): Promise<ContractRow[]> {
  return db.selectFrom('contracts').selectAll().where('ends_on', '>=', fromDay).where('ends_on', '<=', toDay).orderBy('id').limit(limit).execute();
}

/** Claims a notice under its unique key; false when it was sent already (by an earlier run or another process). */
export async function claimNotice(db: Executor, row: Insertable<ContractTables['contract_notices']>): Promise<boolean> {
  const inserted = await db.insertInto('contract_notices').values(row).onConflict((oc) => oc.column('notice_key').doNothing()).returning('id').executeTakeFirst();
  return inserted !== undefined;
}

