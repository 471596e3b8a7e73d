import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { existingAgentIds } from './agents.repository.ts';
import { existingGroupIds } from './groups.repository.ts';
import { findOrganizationRow, type OrganizationRow } from './organizations.repository.ts';
import { PeopleErrors } from './people.errors.ts';

/**
 * The references a people record makes to others (organisation, account manager, agents, groups),
 * each checked inside the command before anything is written: an unknown id is 422 record.invalid_reference.
 */

const invalidReference = (field: string, ids?: number[]) =>
  new DomainError(CommonErrors['record.invalid_reference'], { field, ...(ids ? { ids } : {}) });

/** Each id once, in first-seen order (a list of memberships or roles names each member once). */
export function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** An organisation newly named (a contact's, on creation or when it changes): existing (422 invalid reference) and active (422 inactive reference). */
export async function requireOrganization(db: Db, id: number, field = 'organizationId'): Promise<OrganizationRow> {
  const row = await findOrganizationRow(db, id);
  if (!row) throw invalidReference(field, [id]);
  if (!row.active) throw new DomainError(CommonErrors['record.inactive_reference'], { field, ids: [id] });
  return row;
}

/** An account manager is an existing agent (else 422 invalid reference) that is active and has the crm role. */
export async function assertAccountManager(db: Db, agentId: number): Promise<void> {
  if (!(await existingAgentIds(db, [agentId])).has(agentId)) throw invalidReference('accountManagerId', [agentId]);
  if (!(await existingAgentIds(db, [agentId], { activeWithRole: 'crm' })).has(agentId)) {
    throw new DomainError(PeopleErrors['organization.account_manager_not_crm'], { field: 'accountManagerId' });
  }
}

const inactiveReference = (field: string, ids: number[]) => new DomainError(CommonErrors['record.inactive_reference'], { field, ids });

/**
 * Agents named as members (a group's members): each exists (422 invalid reference), and each newly
 * added — not among `kept`, the members already there — is active (422 inactive reference).
 */
export async function assertAgentsExist(db: Db, ids: readonly number[], field: string, kept: readonly number[] = []): Promise<void> {
  const found = await existingAgentIds(db, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw invalidReference(field, missing);
  const added = ids.filter((id) => !kept.includes(id));
  const active = await existingAgentIds(db, added, { active: true });
  const inactive = added.filter((id) => !active.has(id));
  if (inactive.length) throw inactiveReference(field, inactive);
}

/** Groups named (an agent's groups): each exists, and each newly joined (not among `kept`) is active. */
export async function assertGroupsExist(db: Db, ids: readonly number[], field: string, kept: readonly number[] = []): Promise<void> {
  const found = await existingGroupIds(db, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw invalidReference(field, missing);
  const added = ids.filter((id) => !kept.includes(id));
  const active = await existingGroupIds(db, added, { active: true });
  const inactive = added.filter((id) => !active.has(id));
  if (inactive.length) throw inactiveReference(field, inactive);
}
