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

/** One event → job pair, the job typed to take that event's EventJob; `when` leaves out the events it would do nothing for. */
export type SubscriptionOf<M extends JobPayloads> = { [K in EventName]: { event: K; job: SubscriberOf<M, K>; when?: SubscriptionFilter<K> } }[EventName];

/**
 * The subscription registry and outbox dispatcher. Subscribers are jobs: each (event, subscriber)
 * becomes one job, enqueued at most once, in the same transaction that marks the event dispatched.
 * `M` types the job names (app.ts: contracts' JobMap).
 */
export interface EventBus<M extends JobPayloads = any> {
  /** Every future dispatch of `event` (for which `when`, if given, holds) enqueues job `jobName` with an EventJob payload (installContributions calls it). */
  subscribe<K extends EventName>(event: K, jobName: SubscriberOf<M, K>, when?: SubscriptionFilter<K>): void;
  /** Turns every undispatched outbox row into its jobs; returns how many events it dispatched. Idempotent. */
  dispatchPending(): Promise<number>;
  /** Dispatches once now (events a crash left behind), then after every commit that recorded one, and on a slow sweep. */
  start(): void;
  stop(): Promise<void>;
}
