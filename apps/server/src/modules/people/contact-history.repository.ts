import type { Selectable } from 'kysely';
import type { Db, DB } from '../../schema.ts';

export type ContactHistoryRow = Selectable<DB['contact_history']>;

/** Appends one change of a contact (inside the command's transaction): values as text, null for none. */
export async function insertContactHistory(
  db: Db,
  input: { contactId: number; actorUserId: number | null; field: string; oldValue: string | null; newValue: string | null; now: number },
): Promise<void> {
  await db
    .insertInto('contact_history')
    .values({
      contact_id: input.contactId,
      actor_user_id: input.actorUserId,
      field: input.field,
      old_value: input.oldValue,
      new_value: input.newValue,
      created_at: input.now,
    })
    .execute();
}

/** A contact's history, oldest first. */
export function contactHistory(db: Db, contactId: number): Promise<ContactHistoryRow[]> {
  return db.selectFrom('contact_history').selectAll().where('contact_id', '=', contactId).orderBy('id').execute();
}
