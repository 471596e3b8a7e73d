import type { Db } from '../../schema.ts';
import { emailKey, phoneKey } from './contact-keys.ts';

/**
 * Bulk writers for seed data (apps/server/src/seed): many organisations and contacts in a few
 * multi-row statements, inside the caller's transaction. They keep what the single-row writers
 * keep: emails and phones stored as written beside their match keys, positions in order.
 */

/** Rows per statement: under SQLite's 32,766 bound parameters for the widest table here. */
const CHUNK = 500;

export interface BulkOrganization {
  name: string;
  accountManagerId: number | null;
  membersSeeEachOther: boolean;
  now: number;
}

/** Inserts organisations; returns their ids in input order. */
export async function insertOrganizationsBulk(db: Db, rows: readonly BulkOrganization[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const out = await db
      .insertInto('organizations')
      .values(
        part.map((o) => ({
          name: o.name,
          account_manager_id: o.accountManagerId,
          members_see_each_other: o.membersSeeEachOther ? 1 : 0,
          notes: null,
          active: 1,
          created_at: o.now,
          updated_at: o.now,
          version: 1,
        })),
      )
      .returning('id')
      .execute();
    ids.push(...out.map((r) => r.id).sort((a, b) => a - b));
  }
  return ids;
}

export interface BulkContact {
  userId: number | null;
  name: string;
  organizationId: number | null;
  language: 'fa' | 'en';
  emails: readonly string[];
  phones: readonly string[];
  now: number;
}

/** Inserts contacts with their emails and phones; returns their ids in input order. */
export async function insertContactsBulk(db: Db, rows: readonly BulkContact[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const out = await db
      .insertInto('contacts')
      .values(
        part.map((c) => ({
          user_id: c.userId,
          name: c.name,
          organization_id: c.organizationId,
          language: c.language,
          notes: null,
          active: 1,
          created_at: c.now,
          updated_at: c.now,
          version: 1,
        })),
      )
      .returning('id')
      .execute();
    // One statement inserts in order, so ascending ids are the rows in input order.
    const partIds = out.map((r) => r.id).sort((a, b) => a - b);
    ids.push(...partIds);
    const emails = part.flatMap((c, k) => c.emails.map((email, position) => ({ contact_id: partIds[k]!, email: email.trim(), email_normalized: emailKey(email), position })));
    const phones = part.flatMap((c, k) => c.phones.map((phone, position) => ({ contact_id: partIds[k]!, phone, phone_e164: phoneKey(phone), position })));
    if (emails.length) await db.insertInto('contact_emails').values(emails).execute();
    if (phones.length) await db.insertInto('contact_phones').values(phones).execute();
  }
  return ids;
}

/** How many organisations and contacts there are (the seed refuses a database that has any). */
export async function peopleCounts(db: Db): Promise<{ organizations: number; contacts: number }> {
  const o = await db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const c = await db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { organizations: Number(o.n), contacts: Number(c.n) };
}
