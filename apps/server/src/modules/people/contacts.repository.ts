import { normalizeEmail, normalizePhone } from '@pishkhan/text';
import type { Db } from '../../schema.ts';

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
  if (input.emails.length)
    await db
      .insertInto('contact_emails')
      .values(input.emails.map((email, position) => ({ contact_id: id, email: email.trim(), email_normalized: normalizeEmail(email), position })))
      .execute();
  if (input.phones.length)
    await db
      .insertInto('contact_phones')
      .values(input.phones.map((phone, position) => ({ contact_id: id, phone, phone_e164: normalizePhone(phone) ?? phone, position })))
      .execute();
  return id;
}
