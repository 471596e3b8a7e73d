import type { Kysely } from 'kysely';
import type { EventMap, EventName } from '@pishkhan/contracts';
import type { Clock } from '../clock/index.ts';
import { afterCommit } from '../db/transaction.ts';
import type { PlatformTables } from '../db/tables.ts';
import { faultPoint } from '../testing/faults.ts';

type Waker = () => void;
const wakers = new Set<Waker>();

/** A committed outbox row, as realtime (platform/realtime) hears of it in the process that wrote it. */
export interface CommittedEvent {
  id: number;
  event: EventName;
  payload: EventMap[EventName];
}
type CommitListener = (event: CommittedEvent) => void;
const commitListeners = new Set<CommitListener>();

/** Every event this process commits, once it has committed (never a rolled-back one). */
export function onEventCommitted(listener: CommitListener): () => void {
  commitListeners.add(listener);
  return () => commitListeners.delete(listener);
}

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
  const { id } = await (trx as Kysely<PlatformTables>)
    .insertInto('outbox')
    .values({ event: name, payload: JSON.stringify(payload), created_at: clock.now(), dispatched_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  afterCommit(trx, () => {
    // A crash here leaves a committed, undispatched event: the dispatcher's start-up run delivers it.
    faultPoint('outbox.after_commit_before_dispatch');
    for (const w of wakers) w();
    for (const listener of commitListeners) listener({ id, event: name, payload });
  });
}
