import type { Db } from '../../schema.ts';
import { emailKey } from './contact-keys.ts';

/**
 * What the search module indexes of people, read set-based, and the lookups its query language
 * needs (group:, assignee:, requester:). People own the rows; search owns the index.
 */

export interface ContactSearchSource {
  id: number;
  name: string;
  emails: string[];
  /** As written and in E.164. */
  phones: Array<{ phone: string; e164: string }>;
  organizationName: string | null;
  /** Desk-only notes on the contact. */
  notes: string;
  updatedAt: number;
}

export async function contactSearchSources(db: Db, ids: readonly number[]): Promise<ContactSearchSource[]> {
  if (ids.length === 0) return [];
  const contacts = await db
    .selectFrom('contacts')
    .leftJoin('organizations', 'organizations.id', 'contacts.organization_id')
    .select(['contacts.id', 'contacts.name', 'contacts.notes', 'contacts.updated_at', 'organizations.name as organization_name'])
    .where('contacts.id', 'in', [...ids])
    .orderBy('contacts.id')
    .execute();
  const emails = await db.selectFrom('contact_emails').select(['contact_id', 'email']).where('contact_id', 'in', [...ids]).orderBy('position').execute();
  const phones = await db.selectFrom('contact_phones').select(['contact_id', 'phone', 'phone_e164']).where('contact_id', 'in', [...ids]).orderBy('position').execute();
  // Grouped once (not filtered per contact): a bulk writer indexes thousands of contacts in one call.
  const emailsOf = groupBy(emails, (e) => e.contact_id);
  const phonesOf = groupBy(phones, (p) => p.contact_id);
  return contacts.map((c) => ({
    id: c.id,
    name: c.name,
    emails: (emailsOf.get(c.id) ?? []).map((e) => e.email),
    phones: (phonesOf.get(c.id) ?? []).map((p) => ({ phone: p.phone, e164: p.phone_e164 })),
    organizationName: c.organization_name,
    notes: c.notes ?? '',
    updatedAt: c.updated_at,
  }));
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) (out.get(key(row)) ?? out.set(key(row), []).get(key(row))!).push(row);
  return out;
}

export interface OrganizationSearchSource {
  id: number;
  name: string;
  notes: string;
  updatedAt: number;
}

export async function organizationSearchSources(db: Db, ids: readonly number[]): Promise<OrganizationSearchSource[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('organizations').select(['id', 'name', 'notes', 'updated_at']).where('id', 'in', [...ids]).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, notes: r.notes ?? '', updatedAt: r.updated_at }));
}

/** Ids after `afterId`, ascending (index rebuilds walk the tables in batches). */
export async function peopleIdsAfter(db: Db, kind: 'contact' | 'organization', afterId: number, limit: number): Promise<number[]> {
  const rows =
    kind === 'contact'
      ? await db.selectFrom('contacts').select('id').where('id', '>', afterId).orderBy('id').limit(limit).execute()
      : await db.selectFrom('organizations').select('id').where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

export async function peopleCount(db: Db, kind: 'contact' | 'organization'): Promise<number> {
  const row =
    kind === 'contact'
      ? await db.selectFrom('contacts').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()
      : await db.selectFrom('organizations').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every group's id and names (a desk has tens of groups: the query language matches them in memory). */
export function groupNameList(db: Db): Promise<Array<{ id: number; name: string; name_en: string | null }>> {
  return db.selectFrom('groups').select(['id', 'name', 'name_en']).orderBy('id').execute();
}

/** Every agent's id and name (a desk has tens of agents). */
export function agentNameList(db: Db): Promise<Array<{ id: number; name: string }>> {
  return db.selectFrom('agents').select(['id', 'name']).orderBy('id').execute();
}

/** Contacts with this email address (any of theirs). */
export async function contactIdsWithEmail(db: Db, email: string): Promise<number[]> {
  const rows = await db.selectFrom('contact_emails').select('contact_id').where('email_normalized', '=', emailKey(email)).execute();
  return [...new Set(rows.map((r) => r.contact_id))];
}
