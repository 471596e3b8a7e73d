import type { Clock } from '../../platform/clock/index.ts';
import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { findUserByEmail } from '../access/index.ts';
import { existingAgentIds } from './agents.repository.ts';
import { emailKey, firstDuplicate } from './contact-keys.ts';
import { contactIdOfUser, emailKeysTakenByOthers } from './contacts.repository.ts';
import { existingGroupIds } from './groups.repository.ts';
import { findOrganizationRow, type OrganizationRow } from './organizations.repository.ts';
import { PeopleErrors } from './people.errors.ts';

/**
 * Checks shared by the people commands, all made before anything is written: references to
 * records that do not exist (422), contact emails that belong to someone else (409), stale versions (409).
 */

export interface PeopleDeps {
  db: Db;
  clock: Clock;
}

const invalidReference = (field: string, ids?: number[]) =>
  new DomainError(CommonErrors['record.invalid_reference'], { field, ...(ids ? { ids } : {}) });

export function assertVersion(current: { version: number }, expected: number): void {
  if (current.version !== expected) throw staleRecord();
}

export function staleRecord(): DomainError {
  return new DomainError(CommonErrors['record.stale'], {});
}

export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

export async function requireOrganization(db: Db, id: number, field = 'organizationId'): Promise<OrganizationRow> {
  const row = await findOrganizationRow(db, id);
  if (!row) throw invalidReference(field, [id]);
  return row;
}

/** An account manager is an existing agent (else 422 invalid reference) that is active and has the crm role. */
export async function assertAccountManager(db: Db, agentId: number): Promise<void> {
  if (!(await existingAgentIds(db, [agentId])).has(agentId)) throw invalidReference('accountManagerId', [agentId]);
  if (!(await existingAgentIds(db, [agentId], { activeWithRole: 'crm' })).has(agentId)) {
    throw new DomainError(PeopleErrors['organization.account_manager_not_crm'], { field: 'accountManagerId' });
  }
}

export async function assertAgentsExist(db: Db, ids: readonly number[], field: string): Promise<void> {
  const found = await existingAgentIds(db, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw invalidReference(field, missing);
}

export async function assertGroupsExist(db: Db, ids: readonly number[], field: string): Promise<void> {
  const found = await existingGroupIds(db, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw invalidReference(field, missing);
}

/** Each address once in the list (400), and none already another contact's (409 record.conflict). */
export async function assertEmailsFree(db: Db, emails: readonly string[], exceptContactId: number | null): Promise<void> {
  const repeated = firstDuplicate(emails, emailKey);
  if (repeated !== undefined) throw new DomainError(PeopleErrors['contact.duplicate_email'], { field: 'emails', email: repeated });
  const taken = await emailKeysTakenByOthers(db, emails.map(emailKey), exceptContactId);
  const first = emails.find((e) => taken.some((t) => t.email_normalized === emailKey(e)));
  if (first !== undefined) throw new DomainError(CommonErrors['record.conflict'], { field: 'emails', email: first });
}

/**
 * The sign-in a contact with these emails should share: the first address, in order, that is a
 * user's sign-in email while that user is not yet a contact (e.g. an agent who is also served by the desk).
 */
export async function signInForContact(db: Db, emails: readonly string[]): Promise<number | null> {
  for (const email of emails) {
    const user = await findUserByEmail(db, email);
    if (user && (await contactIdOfUser(db, user.id)) === undefined) return user.id;
  }
  return null;
}
