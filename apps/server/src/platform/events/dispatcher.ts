import type { EventName } from '@pishkhan/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock/index.ts';
import type { DialectSupport } from '../db/dialects/index.ts';
import { inSavepoint, TransactionLost } from '../db/savepoint.ts';
import { transaction } from '../db/transaction.ts';
import { nextTurn } from '../event-loop.ts';
import type { JobPayloads, JobToEnqueue, Jobs } from '../jobs/types.ts';
import { faultPoint } from '../testing/faults.ts';
import { markDispatched, selectUndispatched } from './outbox.repository.ts';
import { onOutboxWritten } from './record.ts';
import type { EventBus, EventJob, SubscribeOptions } from './types.ts';

export interface DispatcherDeps {
  db: Kysely<any>;
  dialect: DialectSupport;
  clock: Clock;
  logger: Logger;
  jobs: Jobs;
  /** Outbox rows per transaction (default 100). */
  batchSize?: number;
  /** How long a wake-up lets more events gather before dispatching them (default: the dialect's `backgroundGatherMs`). */
  gatherMs?: number;
  /** Safety sweep for events another process committed and crashed before dispatching (default 5 s). */
  sweepMs?: number;
}

/**
 * A dispatch takes no further event once it has run for this long (as a group commit takes no
 * further command, ADR 0029): inline subscribers run while it holds SQLite's one writer, and on
 * PostgreSQL the rows they lock. The events left wait for the next batch, at once.
 */
export const DISPATCH_LIMITS = { maxBatchMs: 10 };

interface Subscriber {
  jobName: string;
  when: ((payload: any) => boolean) | undefined;
  inline: boolean;
}

/**
 * The outbox dispatcher: reads undispatched events in id order and, in one transaction per batch,
 * runs each inline subscriber (ADR 0031) in its own savepoint, enqueues one job per (event, other
 * subscriber — or inline one that threw) with unique key `${jobName}:${outboxId}`, and sets
 * `dispatched_at`. Running it twice, or in two processes at once, never creates a second job nor
 * runs an inline subscriber twice for an event (a crash before the commit re-runs the batch whole).
 * Subscribers run as the system (their definition's actor), never as the user behind the event.
 */
export function createEventDispatcher<M extends JobPayloads = any>(deps: DispatcherDeps): EventBus<M> {
  const { db, dialect, clock, logger, jobs } = deps;
  const batchSize = deps.batchSize ?? 100;
  const sweepMs = deps.sweepMs ?? 5000;
  const gatherMs = deps.gatherMs ?? dialect.backgroundGatherMs;
  const subscribers = new Map<string, Subscriber[]>();
  /** Events with at least one inline subscriber: they are dispatched in durable transactions of their own. */
  const inlineEvents = new Set<string>();
  let running: Promise<void> | null = null;
  let again = false;
  let stopping = false;
  let unsubscribe: (() => void) | null = null;
  let sweep: NodeJS.Timeout | null = null;

  function subscribe(event: EventName, jobName: string, options: SubscribeOptions<any> = {}): void {
    if (!jobs.isDefined(jobName)) throw new Error(`${jobName} is subscribed to ${event} but no job of that name is defined`);
    const inline = options.inline === true;
    if (inline && !jobs.isShort(jobName)) throw new Error(`${jobName} has a lease of its own: it cannot run inline in the dispatch of ${event}`);
    const list = subscribers.get(event) ?? [];
    if (list.some((s) => s.jobName === jobName)) throw new Error(`${jobName} is already subscribed to ${event}`);
    subscribers.set(event, [...list, { jobName, when: options.when, inline }]);
    if (inline) inlineEvents.add(event);
  }

  /**
   * One batch of undispatched events in one transaction. Events with an inline subscriber commit
   * durably: what those subscribers wrote is the state users see (a notification in the bell), not
   * bookkeeping. The others only enqueue jobs and commit without the flush (ADR 0008 amendment:
   * lost to a power cut, they are dispatched again under the same unique keys).
   */
  async function dispatchBatch(kind: 'inline' | 'queued'): Promise<{ events: number; more: boolean }> {
    const inline = [...inlineEvents];
    if (kind === 'inline') return transaction(db, (trx) => dispatchRows(trx, { in: inline }));
    return dialect.withoutFlush(db, (conn) => transaction(conn, (trx) => dispatchRows(trx, { notIn: inline })));
  }

  async function dispatchRows(trx: Transaction<any>, events: { in: string[] } | { notIn: string[] }): Promise<{ events: number; more: boolean }> {
    const rows = await selectUndispatched(trx, dialect, batchSize, events);
    if (rows.length === 0) return { events: 0, more: false };
    const started = performance.now();
    const toEnqueue: JobToEnqueue[] = [];
    const dispatched: number[] = [];
    let ran = 0;
    for (const row of rows) {
      if (dispatched.length > 0 && performance.now() - started >= DISPATCH_LIMITS.maxBatchMs) break;
      const eventPayload: unknown = JSON.parse(row.payload);
      for (const s of subscribers.get(row.event) ?? []) {
        if (s.when !== undefined && !s.when(eventPayload)) continue;
        const payload: EventJob = { outboxId: row.id, event: row.event as EventName, payload: eventPayload as never, occurredAt: row.created_at };
        if (s.inline) {
          try {
            await inSavepoint(trx, 'inline_subscriber', () => jobs.runInline(trx, s.jobName as never, payload as never));
            ran++;
            continue;
          } catch (error) {
            // The database ended the whole transaction: nothing of the batch can commit (it is dispatched again).
            if (error instanceof TransactionLost) throw error;
            // Rolled back alone; the queue retries it with back-off, and Admin → Jobs shows it if it dies.
            logger.warn({ job: s.jobName, outboxId: row.id, err: error instanceof Error ? error.message : String(error) }, 'Inline subscriber failed; enqueued as its job');
          }
        }
        toEnqueue.push({ name: s.jobName, payload, options: { uniqueKey: `${s.jobName}:${row.id}` } });
      }
      dispatched.push(row.id);
    }
    await jobs.enqueueMany(trx, toEnqueue);
    await markDispatched(trx, dispatched, clock.now());
    // A crash here loses the inline subscribers' writes with the dispatch: the batch runs again, whole.
    if (ran > 0) faultPoint('outbox.inline_before_commit');
    return { events: dispatched.length, more: dispatched.length < rows.length || rows.length === batchSize };
  }

  async function dispatchPending(): Promise<number> {
    let total = 0;
    for (;;) {
      let more = false;
      for (const kind of inlineEvents.size > 0 ? (['inline', 'queued'] as const) : (['queued'] as const)) {
        const batch = await dispatchBatch(kind);
        total += batch.events;
        more ||= batch.more;
      }
      if (!more) return total;
      await nextTurn();
    }
  }

  /**
   * Coalesces wake-ups: at most one dispatch runs in this process, followed by one more if woken
   * meanwhile; the first waits `gatherMs`, so the events of commits close together share one.
   */
  function trigger(): void {
    if (stopping) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      if (gatherMs > 0) await new Promise((resolve) => setTimeout(resolve, gatherMs));
      do {
        again = false;
        try {
          await dispatchPending();
        } catch (error) {
          logger.error({ err: error instanceof Error ? error.message : String(error) }, 'Outbox dispatch failed; the sweep retries');
        }
      } while (again && !stopping);
    })().finally(() => {
      running = null;
    });
  }

  return {
    subscribe,
    dispatchPending,
    start() {
      if (unsubscribe) return;
      stopping = false;
      unsubscribe = onOutboxWritten(trigger);
      sweep = setInterval(trigger, sweepMs);
      trigger();
    },
    async stop() {
      stopping = true;
      unsubscribe?.();
      unsubscribe = null;
      if (sweep) clearInterval(sweep);
      sweep = null;
      await running;
    },
  };
}
