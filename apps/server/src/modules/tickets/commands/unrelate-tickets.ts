import { transaction } from '../../../platform/db/index.ts';
import type { Db } from '../../../schema.ts';
import { deleteRelation } from '../relations.repository.ts';

/** Removes a relation (the caller has authorised 'relate' on the ticket it was addressed through). */
export async function unrelateTickets(deps: { db: Db }, input: { relationId: number }): Promise<void> {
  await transaction(deps.db, (trx) => deleteRelation(trx, input.relationId));
}
