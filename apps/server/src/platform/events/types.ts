import type { EventMap, EventName } from '@pishkhan/contracts';
import type { JobDefinition } from '../jobs/types.ts';

/** The payload of a job enqueued for one subscriber of one outbox event. */
export interface EventJob<K extends EventName = EventName> {
  /** The outbox row: with the recipient, a natural idempotency key for the handler's effects. */
  outboxId: number;
  event: K;
  payload: EventMap[K];
  /** When the event was recorded (epoch ms). */
  occurredAt: number;
}

/**
 * The subscription registry and outbox dispatcher. Subscribers are jobs: each (event, subscriber)
 * becomes one job, enqueued at most once, in the same transaction that marks the event dispatched.
 */
export interface EventBus<DB = any> {
  /** Every future dispatch of `event` enqueues job `jobName` with an EventJob payload. */
  subscribe<K extends EventName>(event: K, jobName: string): void;
  /** Defines the job and subscribes it to the event in one call. */
  on<K extends EventName>(event: K, job: JobDefinition<EventJob<K>, DB>): void;
  /** Turns every undispatched outbox row into its jobs; returns how many events it dispatched. Idempotent. */
  dispatchPending(): Promise<number>;
  /** Dispatches once now (events a crash left behind), then after every commit that recorded one, and on a slow sweep. */
  start(): void;
  stop(): Promise<void>;
}
