import type { Clock } from '../../../platform/clock/index.ts';
import { transaction } from '../../../platform/db/index.ts';
import { CommonErrors, DomainError } from '../../../platform/http/errors.ts';
import type { Db } from '../../../schema.ts';
import { findAgent, findContact } from '../../people/index.ts';
import { insertWatcher } from '../watchers.repository.ts';

/**
 * Adds an agent or a contact as a watcher of a ticket (the caller has authorised 'watch').
 * A watching agent gains visibility and may work it; a watching contact sees the public timeline
 * and may reply. The person must exist and be active (422); watching twice is 409.
 */
export async function addWatcher(
  deps: { db: Db; clock: Clock },
  input: { ticketId: number; agentId?: number | undefined; contactId?: number | undefined },
): Promise<number> {
  return transaction(deps.db, async (trx) => {
    const agentId = input.agentId ?? null;
    const contactId = agentId === null ? (input.contactId ?? null) : null;
    const field = agentId !== null ? 'agentId' : 'contactId';
    const exists =
      agentId !== null ? (await findAgent(trx, agentId))?.active === 1 : contactId !== null && (await findContact(trx, contactId))?.active === 1;
    if (!exists) throw new DomainError(CommonErrors['record.invalid_reference'], { field });
    const id = await insertWatcher(trx, { ticket_id: input.ticketId, agent_id: agentId, contact_id: contactId, created_at: deps.clock.now() });
    if (id === undefined) throw new DomainError(CommonErrors['record.conflict'], { field });
    return id;
  });
}
