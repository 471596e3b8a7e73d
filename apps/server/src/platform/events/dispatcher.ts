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
  /** Batches in flight at once (default: the dialect's `dispatchLanes`). */
  lanes?: number;
}

/**
 * A dispatch takes no further event once it has run for this long (as a group commit takes no
 * further command, ADR 0029): inline subscribers run while it holds SQLite's one writer, and on
 * PostgreSQL the rows they lock. The events left wait for the next batch, at once.
 */
export const DISPATCH_LIMITS = { maxBatchMs: 10 };

/** An inline subscriber threw in a batch run without savepoints: the batch is rolled back and run again with them. */
class InlineFailed extends Error {
  constructor(cause: unknown) {
    super('An inline subscriber failed', { cause });
  }
}

/** `all`: both in one, where a commit without the flush saves nothing. */
type Kind = 'inline' | 'queued' | 'all';
/** What a batch did: events dispatched, whether more may be waiting, whether the time cap left some of its rows. */
interface Batch {
  events: number;
  more: boolean;
  capped: boolean;
}

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
  const lanes = Math.max(1, deps.lanes ?? dialect.dispatchLanes);
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
   * lost to a power cut, they are dispatched again under the same unique keys); `all` takes both
   * where that saves nothing (PostgreSQL).
   *
   * Inline subscribers first run without savepoints (two statements each, a round trip apiece on
   * PostgreSQL); when one throws, the batch is rolled back whole and run again with a savepoint
   * per subscriber, so the one that threw becomes its job and the others commit (ADR 0031).
   */
  async function dispatchBatch(kind: Kind, limit: number, careful: boolean): Promise<Batch & { careful: boolean }> {
    const inline = [...inlineEvents];
    const run = (mode: boolean) =>
      kind === 'all'
        ? transaction(db, (trx) => dispatchRows(trx, undefined, limit, mode))
        : kind === 'inline'
          ? transaction(db, (trx) => dispatchRows(trx, { in: inline }, limit, mode))
          : dialect.withoutFlush(db, (conn) => transaction(conn, (trx) => dispatchRows(trx, { notIn: inline }, limit, mode)));
    if (!careful) {
      try {
        return { ...(await run(false)), careful: false };
      } catch (error) {
        if (!(error instanceof InlineFailed)) throw error;
      }
    }
    return { ...(await run(true)), careful: true };
  }

  async function dispatchRows(trx: Transaction<any>, events: { in: string[] } | { notIn: string[] } | undefined, limit: number, careful: boolean): Promise<Batch> {
    const rows = await selectUndispatched(trx, dialect, limit, events);
    if (rows.length === 0) return { events: 0, more: false, capped: false };
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
        if (s.inline && !careful) {
          try {
            await jobs.runInline(trx, s.jobName as never, payload as never);
          } catch (error) {
            throw new InlineFailed(error);
          }
          ran++;
          continue;
        }
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
    return { events: dispatched.length, more: dispatched.length < rows.length || rows.length === limit, capped: dispatched.length < rows.length };
  }

  /**
   * The kinds of batch a round takes. Where a commit without the flush saves nothing
   * (PostgreSQL), one kind: a second transaction per round would only add its round trips.
   */
  const kinds = (): readonly Kind[] =>
    dialect.unflushedCommits ? (inlineEvents.size > 0 ? ['inline', 'queued'] : ['queued']) : ['all'];

  /**
   * One round of a lane: a batch of each kind. `careful`: its inline subscribers in savepoints from
   * the start. Alone, a lane takes `batchSize` rows. Side by side, rows one lane has locked (SKIP
   * LOCKED) but not reached within the time cap would leave the others nothing: each lane takes as
   * many as its last batch of that kind reached, doubling while it reaches all (up to its share).
   */
  async function dispatchRound(careful: boolean, take: Map<Kind, number>): Promise<{ events: number; more: boolean; careful: boolean }> {
    let events = 0;
    let more = false;
    for (const kind of kinds()) {
      const limit = lanes === 1 ? batchSize : (take.get(kind) ?? 1);
      const batch = await dispatchBatch(kind, limit, careful);
      if (lanes > 1 && batch.events > 0) take.set(kind, batch.capped ? batch.events : Math.min(Math.ceil(batchSize / lanes), limit * 2));
      events += batch.events;
      careful = batch.careful;
      more ||= batch.more;
    }
    return { events, more, careful };
  }

  /**
   * Rounds until nothing is left, in `lanes` lanes side by side. A lane that finds nothing while
   * another is still at work waits for a round that finds more (the rows it would have taken may
   * have been locked by that lane, which releases those it did not reach) instead of ending, so a
   * backlog keeps every lane busy; they all end once the last busy one finds no more. A lane that
   * needed savepoints keeps them for its later rounds.
   */
  async function dispatchPending(): Promise<number> {
    let total = 0;
    let busy = 0;
    const waiting: Array<(more: boolean) => void> = [];
    const wakeAll = (more: boolean) => {
      for (const w of waiting.splice(0)) w(more);
    };
    const lane = async () => {
      let careful = false;
      const take = new Map<Kind, number>();
      for (;;) {
        busy++;
        let round: { events: number; more: boolean; careful: boolean };
        try {
          round = await dispatchRound(careful, take);
        } catch (error) {
          busy--;
          wakeAll(busy > 0);
          throw error;
        }
        busy--;
        total += round.events;
        careful = round.careful;
        if (round.more) {
          wakeAll(true);
          await nextTurn();
          continue;
        }
        if (busy === 0) {
          wakeAll(false);
          return;
        }
        if (!(await new Promise<boolean>((resolve) => waiting.push(resolve)))) return;
      }
    };
    const ends = await Promise.allSettled(Array.from({ length: lanes }, lane));
    const failed = ends.find((e) => e.status === 'rejected');
    if (failed) throw failed.reason;
    return total;
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
