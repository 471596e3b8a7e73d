import type { Logger } from 'pino';
import type { Actor } from '../actor.ts';
import type { Clock } from '../clock/index.ts';
import { afterCommit } from '../db/transaction.ts';
import { onEventCommitted } from '../events/record.ts';
import type { Kysely } from 'kysely';
import { ticketMessageOf } from './messages.ts';
import { PresenceStore } from './presence.ts';
import type { FeedMessage, LiveFrame, PresenceState, RealtimeFeed, TicketAudience, Viewer } from './types.ts';

/** One open stream: its subscriber (re-read on every heartbeat) and where its frames go. */
export interface LiveSink {
  actor: Actor;
  write(frame: LiveFrame): void;
  /** Ends the stream (the server is stopping). */
  end(): void;
}

export interface RealtimeDeps {
  feed: RealtimeFeed;
  audience: TicketAudience;
  clock: Clock;
  logger: Logger;
}

/** The realtime port (`ctx.realtime`): streams subscribe, modules publish after commit, presence lives here. */
export interface Realtime {
  /** Adds a stream; returns its removal. */
  subscribe(sink: LiveSink): () => void;
  /** After `trx` commits, tells these users' streams that their notifications changed. */
  notifyUsers(trx: Kysely<any>, userIds: readonly number[]): void;
  /** Reports an agent on a ticket (or leaving it) to every process. */
  reportPresence(ticketId: number, userId: number, name: string, state: PresenceState | 'left'): void;
  /** Who is on the ticket now, as this process knows it. */
  viewersOf(ticketId: number): Viewer[];
  /** The id of the last ticket event this process delivered (a new stream's `id:`, so a reconnect names it). */
  lastEventId(): number;
  subscriberCount(): number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const hasDesk = (actor: Actor) => actor.kind === 'user' && actor.agent !== null;
const userIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

/**
 * Fans feed messages out to this process's streams. Each ticket message is checked per subscriber
 * by reloading the ticket through the policy (the audience): a subscriber who may not read the
 * ticket hears nothing of it, and an internal change (a note) reaches only those who see the
 * desk side. Desk users also hear that "queues changed" (no ids) for any ticket change, since a
 * ticket may just have left what they can read. Messages are handled one at a time, in order.
 */
export function createRealtime(deps: RealtimeDeps): Realtime {
  const { feed, audience, clock, logger } = deps;
  const sinks = new Set<LiveSink>();
  const presence = new PresenceStore();
  let lastEventId = 0;
  let queue: Promise<void> = Promise.resolve();
  let unhook: (() => void) | null = null;

  const broadcast = (frame: LiveFrame, to: (sink: LiveSink) => boolean = () => true) => {
    for (const sink of sinks) if (to(sink)) sink.write(frame);
  };

  async function deliverTicket(m: Extract<FeedMessage, { type: 'ticket' }>): Promise<void> {
    lastEventId = Math.max(lastEventId, m.eventId);
    for (const sink of [...sinks]) {
      for (const ticketId of m.ticketIds) {
        const reach = await audience(sink.actor, ticketId);
        if (reach.read && (!m.internal || reach.internal)) sink.write({ event: 'ticket', id: m.eventId, data: { ticketId, event: m.event } });
      }
      if (hasDesk(sink.actor)) sink.write({ event: 'queues', id: m.eventId, data: {} });
    }
  }

  async function deliverPresence(m: Extract<FeedMessage, { type: 'presence' }>): Promise<void> {
    if (!presence.apply(m.ticketId, m.userId, m.name, m.state, m.at)) return;
    const frame: LiveFrame = { event: 'presence', data: { ticketId: m.ticketId, viewers: presence.viewersOf(m.ticketId, clock.now()) } };
    for (const sink of [...sinks]) {
      // Presence is the desk's: only those who see the ticket's internal side, never a contact.
      if (hasDesk(sink.actor) && (await audience(sink.actor, m.ticketId)).internal) sink.write(frame);
    }
  }

  async function deliver(m: FeedMessage): Promise<void> {
    if (m.type === 'ticket') return deliverTicket(m);
    if (m.type === 'presence') return deliverPresence(m);
    const users = new Set(m.userIds);
    broadcast({ event: 'notifications', data: {} }, (sink) => users.has(userIdOf(sink.actor) ?? -1));
  }

  function onMessage(m: FeedMessage): void {
    queue = queue.then(() => deliver(m)).catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Live delivery failed'));
  }

  return {
    subscribe(sink) {
      sinks.add(sink);
      return () => void sinks.delete(sink);
    },
    notifyUsers(trx, userIds) {
      if (userIds.length) afterCommit(trx, () => feed.send({ type: 'user', userIds: [...userIds], topic: 'notifications' }));
    },
    reportPresence(ticketId, userId, name, state) {
      feed.send({ type: 'presence', ticketId, userId, name, state, at: clock.now() });
    },
    viewersOf: (ticketId) => presence.viewersOf(ticketId, clock.now()),
    lastEventId: () => lastEventId,
    subscriberCount: () => sinks.size,
    async start() {
      if (unhook) return;
      await feed.listen(onMessage, () => broadcast({ event: 'refetch', data: {} }));
      unhook = onEventCommitted((committed) => {
        const message = ticketMessageOf(committed);
        if (message) feed.send(message);
      });
    },
    async stop() {
      for (const sink of [...sinks]) sink.end();
      sinks.clear();
      unhook?.();
      unhook = null;
      await feed.close();
      await queue;
    },
  };
}
