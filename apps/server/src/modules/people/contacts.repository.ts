import { dialectOf, preparedQuery, updateAtVersion } from '../../platform/db/index.ts';
import type { Selectable, Updateable } from 'kysely';
import type { Db, DB } from '../../schema.ts';
import { emailKey, phoneKey } from './contact-keys.ts';

export type ContactRow = Selectable<DB['contacts']> & { account_manager_id: number | null };

/** Inserts a contact with its emails and phones (call inside a transaction). Stored as written; matched on normalised copies. */
export async function insertContactRecord(
  db: Db,
  input: {
    userId: number | null;
    name: string;
    organizationId: number | null;
    language: 'fa' | 'en';
    emails: readonly string[];
    phones: readonly string[];
    notes?: string | null;
    now: number;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('contacts')
    .values({
      user_id: input.userId,
      name: input.name,
      organization_id: input.organizationId,
      language: input.language,
      notes: input.notes ?? null,
      active: 1,
      created_at: input.now,
      updated_at: input.now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceContactEmails(db, id, input.emails);
  await replaceContactPhones(db, id, input.phones);
  return id;
}

/** Replaces a contact's emails, keeping the given order (the first is the primary address). */
export async function replaceContactEmails(db: Db, contactId: number, emails: readonly string[]): Promise<void> {
  await db.deleteFrom('contact_emails').where('contact_id', '=', contactId).execute();
  if (emails.length === 0) return;
  await db
    .insertInto('contact_emails')
    .values(emails.map((email, position) => ({ contact_id: contactId, email: email.trim(), email_normalized: emailKey(email), position })))
    .execute();
}

/** Replaces a contact's phones: as written, plus the E.164 key that searches match on. */
export async function replaceContactPhones(db: Db, contactId: number, phones: readonly string[]): Promise<void> {
  await db.deleteFrom('contact_phones').where('contact_id', '=', contactId).execute();
  if (phones.length === 0) return;
  await db
    .insertInto('contact_phones')
    .values(phones.map((phone, position) => ({ contact_id: contactId, phone, phone_e164: phoneKey(phone), position })))
    .execute();
}

function contactsWithAccountManager(db: Db) {
  return db
    .selectFrom('contacts')
    .leftJoin('organizations', 'organizations.id', 'contacts.organization_id')
    .selectAll('contacts')
    .select('organizations.account_manager_id');
}

export function findContactRow(db: Db, id: number): Promise<ContactRow | undefined> {
  return contactsWithAccountManager(db).where('contacts.id', '=', id).executeTakeFirst();
}

/** findContactRow inside a write transaction, holding the contact row (not its organisation) until commit. */
export async function findContactForUpdate(trx: Db, id: number): Promise<ContactRow | undefined> {
  const locked = await dialectOf(trx).forUpdate(trx.selectFrom('contacts').select('id').where('id', '=', id)).executeTakeFirst();
  return locked ? findContactRow(trx, id) : undefined;
}

/** The language of each of several contacts (their `language`), in one query: what a notification to them is written in. */
export async function contactLanguages(db: Db, ids: readonly number[]): Promise<Map<number, 'fa' | 'en'>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('contacts').select(['id', 'language']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.language === 'en' ? 'en' : 'fa']));
}

/** How to reach several contacts (notifications, mail out): sign-in, first email, name, language, active; one query per relation. */
export async function contactReach(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, { userId: number | null; email: string | null; name: string; language: 'fa' | 'en'; active: boolean }>> {
  if (ids.length === 0) return new Map();
  const unique = [...new Set(ids)];
  const [contacts, emails] = await Promise.all([
    db.selectFrom('contacts').select(['id', 'user_id', 'name', 'language', 'active']).where('id', 'in', unique).execute(),
    db.selectFrom('contact_emails').select(['contact_id', 'email']).where('contact_id', 'in', unique).orderBy('contact_id').orderBy('position').orderBy('id').execute(),
  ]);
  const first = new Map<number, string>();
  for (const e of emails) if (!first.has(e.contact_id)) first.set(e.contact_id, e.email);
  return new Map(
    contacts.map((c) => [c.id, { userId: c.user_id, email: first.get(c.id) ?? null, name: c.name, language: c.language === 'en' ? 'en' : 'fa', active: c.active === 1 }]),
  );
}

/** Display names of several contacts (active or not) in one query. */
// Beside every ticket read and page (platform/db preparedQuery: built once).
const namesOfContacts = preparedQuery((db: Db, ids: readonly number[]) => db.selectFrom('contacts').select(['id', 'name']).where('id', 'in', ids));

export async function contactNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await namesOfContacts(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface ContactFilters {
  /** Already a key (phoneKey). */
  phoneKey?: string;
  /** Already a key (emailKey). */
  emailKey?: string;
  organizationId?: number;
}

/** One page ordered by id (limit + 1 rows), narrowed by exact matches on the normalised keys. */
export function listContactRows(db: Db, filters: ContactFilters, page: { afterId: number | undefined; limit: number }): Promise<ContactRow[]> {
  let q = contactsWithAccountManager(db).orderBy('contacts.id').limit(page.limit + 1);
  if (page.afterId !== undefined) q = q.where('contacts.id', '>', page.afterId);
  if (filters.organizationId !== undefined) q = q.where('contacts.organization_id', '=', filters.organizationId);
  if (filters.phoneKey !== undefined) {
    const key = filters.phoneKey;
    q = q.where('contacts.id', 'in', (eb) => eb.selectFrom('contact_phones').select('contact_id').where('phone_e164', '=', key));
  }
  if (filters.emailKey !== undefined) {
    const key = filters.emailKey;
    q = q.where('contacts.id', 'in', (eb) => eb.selectFrom('contact_emails').select('contact_id').where('email_normalized', '=', key));
  }
  return q.execute();
}

/** Emails of several contacts in one query, in their order. */
export function emailsOfContacts(db: Db, contactIds: readonly number[]) {
  if (contactIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('contact_emails')
    .select(['contact_id', 'email'])
    .where('contact_id', 'in', contactIds)
    .orderBy('contact_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** Phones of several contacts in one query, in their order. */
export function phonesOfContacts(db: Db, contactIds: readonly number[]) {
  if (contactIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('contact_phones')
    .select(['contact_id', 'phone'])
    .where('contact_id', 'in', contactIds)
    .orderBy('contact_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** Which of these email keys already belong to a contact other than `exceptContactId`. */
export function emailKeysTakenByOthers(db: Db, keys: readonly string[], exceptContactId: number | null) {
  if (keys.length === 0) return Promise.resolve([]);
  let q = db.selectFrom('contact_emails').select(['email_normalized', 'contact_id']).where('email_normalized', 'in', keys);
  if (exceptContactId !== null) q = q.where('contact_id', '<>', exceptContactId);
  return q.execute();
}

/** The contact a sign-in belongs to, if any (a user is at most one contact). */
export function contactIdOfUser(db: Db, userId: number): Promise<number | undefined> {
  return db
    .selectFrom('contacts')
    .select('id')
    .where('user_id', '=', userId)
    .executeTakeFirst()
    .then((r) => r?.id);
}

/** A contact without a sign-in that owns this email key: the same person, when an agent is created for it. */
export function unlinkedContactWithEmail(db: Db, key: string): Promise<number | undefined> {
  return db
    .selectFrom('contacts')
    .innerJoin('contact_emails', 'contact_emails.contact_id', 'contacts.id')
    .select('contacts.id')
    .where('contact_emails.email_normalized', '=', key)
    .where('contacts.user_id', 'is', null)
    .executeTakeFirst()
    .then((r) => r?.id);
}

/** Applies the change only if the row is still at `version`, bumping it once (409 record.stale otherwise). */
export function updateContactAtVersion(
  db: Db,
  id: number,
  version: number,
  set: Omit<Updateable<DB['contacts']>, 'id' | 'version' | 'created_at'> & { updated_at: number },
): Promise<Selectable<DB['contacts']>> {
  return updateAtVersion(db, 'contacts', id, version, set);
}

/**
 * A merge's addresses: the loser's emails and phones join the survivor's after its own, each once
 * by its match key (a key the survivor already has is dropped); the loser keeps none.
 */
export async function moveContactAddresses(db: Db, fromId: number, intoId: number): Promise<{ emails: string[]; phones: string[] }> {
  const [emails, phones] = await Promise.all([
    db.selectFrom('contact_emails').select(['contact_id', 'email', 'email_normalized']).where('contact_id', 'in', [intoId, fromId]).orderBy('position').orderBy('id').execute(),
    db.selectFrom('contact_phones').select(['contact_id', 'phone', 'phone_e164']).where('contact_id', 'in', [intoId, fromId]).orderBy('position').orderBy('id').execute(),
  ]);
  const survivorFirst = <R extends { contact_id: number }>(rows: R[]) => [...rows.filter((r) => r.contact_id === intoId), ...rows.filter((r) => r.contact_id === fromId)];
  const onceBy = <R,>(rows: R[], key: (r: R) => string) => {
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(key(r)) && (seen.add(key(r)), true));
  };
  const keptEmails = onceBy(survivorFirst(emails), (r) => r.email_normalized).map((r) => r.email);
  const keptPhones = onceBy(survivorFirst(phones), (r) => r.phone_e164).map((r) => r.phone);
  // The loser's rows go first: an email key belongs to one contact.
  await db.deleteFrom('contact_emails').where('contact_id', '=', fromId).execute();
  await db.deleteFrom('contact_phones').where('contact_id', '=', fromId).execute();
  await replaceContactEmails(db, intoId, keptEmails);
  await replaceContactPhones(db, intoId, keptPhones);
  return { emails: keptEmails, phones: keptPhones };
}

/** The contacts of an organisation (a merge moves them), by id. */
export async function contactIdsOfOrganization(db: Db, organizationId: number): Promise<number[]> {
  const rows = await db.selectFrom('contacts').select('id').where('organization_id', '=', organizationId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Moves every contact of one organisation to another (an organisation merge), one version step each. */
export async function moveContactsToOrganization(db: Db, ids: readonly number[], intoId: number, now: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('contacts')
    .set((eb) => ({ organization_id: intoId, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', 'in', [...ids])
    .execute();
}

/** The contact that owns this email key, if any (an email belongs to one contact). */
export function contactIdWithEmailKey(db: Db, key: string): Promise<number | undefined> {
  return db
    .selectFrom('contact_emails')
    .select('contact_id')
    .where('email_normalized', '=', key)
    .executeTakeFirst()
    .then((r) => r?.contact_id);
}
