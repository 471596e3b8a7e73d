import type { Kysely } from 'kysely';
import { resealed } from '../crypto/rotation.ts';
import type { SealKey } from '../crypto/keys.ts';
import type { PlatformTables } from '../db/tables.ts';

/**
 * Re-seals one sealed field of an event's payload (e.g. `access.link_issued`'s `sealedLink`) under
 * keys[0], wherever the payload is kept: its outbox row and the jobs the dispatcher made of it
 * (`{ outboxId, event, payload }`). Returns how many values changed.
 */
export async function resealEventField(db: Kysely<any>, keys: SealKey[], input: { event: string; field: string; context: string }): Promise<number> {
  const pdb = db as Kysely<PlatformTables>;
  let count = 0;
  for (const row of await pdb.selectFrom('outbox').select(['id', 'payload']).where('event', '=', input.event).execute()) {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    const next = typeof payload[input.field] === 'string' ? resealed(keys, payload[input.field] as string, input.context) : null;
    if (next === null) continue;
    await pdb.updateTable('outbox').set({ payload: JSON.stringify({ ...payload, [input.field]: next }) }).where('id', '=', row.id).execute();
    count++;
  }
  const jobs = await pdb.selectFrom('jobs').select(['id', 'payload']).where('payload', 'like', `%"event":${JSON.stringify(input.event)}%`).execute();
  for (const row of jobs) {
    const job = JSON.parse(row.payload) as { event?: string; payload?: Record<string, unknown> };
    const value = job.event === input.event ? job.payload?.[input.field] : undefined;
    const next = typeof value === 'string' ? resealed(keys, value, input.context) : null;
    if (next === null) continue;
    await pdb.updateTable('jobs').set({ payload: JSON.stringify({ ...job, payload: { ...job.payload, [input.field]: next } }) }).where('id', '=', row.id).execute();
    count++;
  }
  return count;
}
