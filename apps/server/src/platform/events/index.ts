/** Domain events: written to the outbox in the command's transaction, dispatched to jobs after commit. */
export { recordEvent, onOutboxWritten, onEventCommitted, type CommittedEvent } from './record.ts';
export { resealEventField } from './reseal.ts';
export { createEventDispatcher, type DispatcherDeps } from './dispatcher.ts';
export type { EventBus, EventJob, SubscribeOptions, SubscriberOf, SubscriptionFilter, SubscriptionOf } from './types.ts';
