import type { EventName } from '@pishkhan/contracts';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock/index.ts';
import type { DialectSupport } from '../db/dialects/index.ts';
import { transaction } from '../db/transaction.ts';
import { nextTurn } from '../event-loop.ts';
import type { JobPayloads, JobToEnqueue, Jobs } from '../jobs/types.ts';
import { markDispatched, selectUndispatched } from './outbox.repository.ts';
import { onOutboxWritten } from './record.ts';
import type { EventBus, EventJob } from './types.ts';

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
 * The outbox dispatcher: reads undispatched events in id order and, in one transaction per batch,
 * enqueues one job per (event, subscriber) with unique key `${jobName}:${outboxId}` and sets
 * `dispatched_at`. Running it twice, or in two processes at once, never creates a second job.
 * Subscribers run as the system (their definition's actor), never as the user behind the event.
 */
export function createEventDispatcher<M extends JobPayloads = any>(deps: DispatcherDeps): EventBus<M> {
  const { db, dialect, clock, logger, jobs } = deps;
  const batchSize = deps.batchSize ?? 100;
  const sweepMs = deps.sweepMs ?? 5000;
  const gatherMs = deps.gatherMs ?? dialect.backgroundGatherMs;
  const subscribers = new Map<string, Array<{ jobName: string; when: ((payload: any) => boolean) | undefined }>>();
  let running: Promise<void> | null = null;
  let again = false;
  let stopping = false;
  let unsubscribe: (() => void) | null = null;
  let sweep: NodeJS.Timeout | null = null;

  function subscribe(event: EventName, jobName: string, when?: (payload: any) => boolean): void {
    if (!jobs.isDefined(jobName)) throw new Error(`${jobName} is subscribed to ${event} but no job of that name is defined`);
    const list = subscribers.get(event) ?? [];
    if (list.some((s) => s.jobName === jobName)) throw new Error(`${jobName} is already subscribed to ${event}`);
    subscribers.set(event, [...list, { jobName, when }]);
  }

  async function dispatchBatch(): Promise<number> {
    // Lost to a power cut, a dispatch is done again under the same unique keys: no need to wait for the disk.
    return dialect.withoutFlush(db, (conn) => transaction(conn, async (trx) => {
      const rows = await selectUndispatched(trx, dialect, batchSize);
      if (rows.length === 0) return 0;
      const toEnqueue: JobToEnqueue[] = rows.flatMap((row) => {
        const eventPayload: unknown = JSON.parse(row.payload);
        return (subscribers.get(row.event) ?? [])
          .filter((s) => s.when === undefined || s.when(eventPayload))
          .map(({ jobName }) => {
            const payload: EventJob = { outboxId: row.id, event: row.event as EventName, payload: eventPayload as never, occurredAt: row.created_at };
            return { name: jobName, payload, options: { uniqueKey: `${jobName}:${row.id}` } };
          });
      });
      await jobs.enqueueMany(trx, toEnqueue);
      await markDispatched(
        trx,
        rows.map((r) => r.id),
        clock.now(),
      );
      return rows.length;
    }));
  }

  async function dispatchPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await dispatchBatch();
      total += n;
      if (n < batchSize) return total;
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
