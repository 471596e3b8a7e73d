import type { EventJob, EventMap, EventName } from '@pishkhan/contracts';
import type { JobNameOf, JobPayloads } from '../jobs/types.ts';

export type { EventJob } from '@pishkhan/contracts';

/** The jobs of map M that may subscribe to event K: those whose payload is exactly `EventJob<K>`. */
export type SubscriberOf<M extends JobPayloads, K extends EventName> = {
  [N in JobNameOf<M>]: [M[N]] extends [EventJob<K>] ? ([EventJob<K>] extends [M[N]] ? N : never) : never;
}[JobNameOf<M>];

/**
 * Which of an event's payloads a subscriber wants. An event it would do nothing for makes no job:
 * no row, no claim, no commit (the handler may keep the same check for jobs already enqueued).
 */
export type SubscriptionFilter<K extends EventName> = (payload: EventMap[K]) => boolean;

/**
 * How a subscription runs. `when` leaves out the events it would do nothing for. `inline` runs the
 * subscriber in the outbox dispatch itself (ADR 0031): in the dispatcher's transaction, its own
 * savepoint, as the system, committed with the event's `dispatched_at` — no job row, claim or
 * commit of its own; one that throws is rolled back alone and enqueued as its job. Only for a
 * short job (no `leaseMs`) whose handler writes only through `trx`, is idempotent and talks to
 * nothing outside the database (mail goes out by enqueueing `email.send_message`).
 */
export interface SubscribeOptions<K extends EventName> {
  when?: SubscriptionFilter<K>;
  inline?: boolean;
}

/** One event → job pair, the job typed to take that event's EventJob, with its options (`when`, `inline`). */
export type SubscriptionOf<M extends JobPayloads> = { [K in EventName]: { event: K; job: SubscriberOf<M, K> } & SubscribeOptions<K> }[EventName];

/**
 * The subscription registry and outbox dispatcher. Subscribers are jobs: each (event, subscriber)
 * becomes one job, enqueued at most once, in the same transaction that marks the event dispatched
 * — or, subscribed `inline`, runs in that transaction and becomes a job only when it fails.
 * `M` types the job names (app.ts: contracts' JobMap).
 */
export interface EventBus<M extends JobPayloads = any> {
  /**
   * Every future dispatch of `event` (for which `when`, if given, holds) enqueues job `jobName`
   * with an EventJob payload, or runs it inline (installContributions calls it). Refuses an
   * undefined job, a second subscription of the same pair, and `inline` for a job with a lease.
   */
  subscribe<K extends EventName>(event: K, jobName: SubscriberOf<M, K>, options?: SubscribeOptions<K>): void;
  /** Turns every undispatched outbox row into its jobs; returns how many events it dispatched. Idempotent. */
  dispatchPending(): Promise<number>;
  /** Dispatches once now (events a crash left behind), then after every commit that recorded one, and on a slow sweep. */
  start(): void;
  stop(): Promise<void>;
}
