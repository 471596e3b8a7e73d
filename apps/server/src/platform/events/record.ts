import type { Kysely } from 'kysely';
import type { EventMap, EventName } from '@pishkhan/contracts';
import type { Clock } from '../clock/index.ts';
import { afterCommit } from '../db/transaction.ts';
import type { PlatformTables } from '../db/tables.ts';
import { faultPoint } from '../testing/faults.ts';

type Waker = () => void;
const wakers = new Set<Waker>();

/** The dispatcher listens here so that a committed event is delivered without waiting for a poll. */
export function onOutboxWritten(waker: Waker): () => void {
  wakers.add(waker);
  return () => wakers.delete(waker);
}

/**
 * Writes a domain event to the outbox inside the caller's transaction. If the transaction rolls
 * back, the event never existed; once it commits, the dispatcher is woken.
 */
export async function recordEvent<K extends EventName>(trx: Kysely<any>, clock: Clock, name: K, payload: EventMap[K]): Promise<void> {
  await (trx as Kysely<PlatformTables>)
    .insertInto('outbox')
    .values({ event: name, payload: JSON.stringify(payload), created_at: clock.now(), dispatched_at: null })
    .execute();
  afterCommit(trx, () => {
    // A crash here leaves a committed, undispatched event: the dispatcher's start-up run delivers it.
    faultPoint('outbox.after_commit_before_dispatch');
    for (const w of wakers) w();
  });
}
