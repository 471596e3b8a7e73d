import { foldDigits } from '@pishkhan/text';
import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import { ticketSettings } from './tickets.settings.ts';
import type { Db } from '../../schema.ts';
import { isValidMatrix, DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from './priority.ts';
import { TicketErrors } from './tickets.errors.ts';
import { findAgent, findContact, findGroup, findOrganization, isGroupMember } from '../people/index.ts';
import { loadCategoryRow } from './categories.repository.ts';

/**
 * Field rules shared by creating and editing a ticket: tag normalisation, the priority matrix,
 * and the checks of references to other records (422 before anything is written).
 */

export interface NormalizedTag {
  tag: string;
  normalized: string;
}

/** The form tags are compared and searched on: trimmed, lower-cased, digits folded (۱۲ → 12). */
export function normalizeTag(tag: string): string {
  return foldDigits(tag.trim().toLowerCase());
}

/** Tags as written, de-duplicated on their normalised form (the first spelling wins), ordered by it. */
export function normalizeTags(tags: readonly string[]): NormalizedTag[] {
  const seen = new Map<string, string>();
  for (const tag of tags) {
    const normalized = normalizeTag(tag);
    if (normalized !== '' && !seen.has(normalized)) seen.set(normalized, tag);
  }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([normalized, tag]) => ({ tag, normalized }));
}

/** The admin's matrix (falls back to the default if the stored value is somehow not a matrix). */
export async function currentMatrix(db: Db): Promise<PriorityMatrix> {
  const value = await ticketSettings.get(db, 'tickets.priority_matrix');
  return isValidMatrix(value) ? value : DEFAULT_PRIORITY_MATRIX;
}

export function invalidReference(field: string): DomainError {
  return new DomainError(CommonErrors['record.invalid_reference'], { field });
}

/** A reference that exists but is deactivated: refused for anything newly assigned, in its own words. */
function refusedReference(field: string, row: { active: number } | undefined): DomainError | null {
  if (!row) return invalidReference(field);
  return row.active === 1 ? null : new DomainError(CommonErrors['record.inactive_reference'], { field });
}

export function requireOverrideReason(reason: string): string {
  if (reason.trim() === '') throw new DomainError(TicketErrors['ticket.override_reason_required']);
  return reason;
}

/** An active contact (people module lookup); its organisation comes along (the ticket's default organisation). */
export async function requireRequester(db: Db, id: number, field = 'requesterContactId') {
  const contact = await findContact(db, id);
  const refused = refusedReference(field, contact);
  if (refused) throw refused;
  return contact!;
}

export async function requireOrganization(db: Db, id: number, field = 'organizationId'): Promise<void> {
  const refused = refusedReference(field, await findOrganization(db, id));
  if (refused) throw refused;
}

export async function requireCategory(db: Db, id: number, field = 'categoryId'): Promise<void> {
  const refused = refusedReference(field, await loadCategoryRow(db, id));
  if (refused) throw refused;
}

export async function requireGroup(db: Db, id: number, field = 'assigneeGroupId'): Promise<void> {
  const refused = refusedReference(field, await findGroup(db, id));
  if (refused) throw refused;
}

/** An active agent who is a member of the group (422 ticket.assignee_not_in_group otherwise). */
export async function requireAssignee(db: Db, groupId: number, agentId: number, field = 'assigneeAgentId'): Promise<void> {
  const refused = refusedReference(field, await findAgent(db, agentId));
  if (refused) throw refused;
  if (!(await isGroupMember(db, groupId, agentId))) throw new DomainError(TicketErrors['ticket.assignee_not_in_group'], { groupId, agentId });
}
