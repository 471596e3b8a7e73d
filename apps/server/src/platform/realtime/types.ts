import type { EventName } from '@pishkhan/contracts';
import type { Actor } from '../actor.ts';

/** What an agent is doing on a ticket; `left` removes them. */
export type PresenceState = 'viewing' | 'typing';

/**
 * A message between server processes (the feed): what changed, by ids only. Whoever receives it
 * reloads the record through the policy for each subscriber; nothing here is shown as it is.
 */
export type FeedMessage =
  | { type: 'ticket'; eventId: number; event: EventName; ticketIds: number[]; internal: boolean }
  | { type: 'user'; userIds: number[]; topic: 'notifications' }
  | { type: 'presence'; ticketId: number; userId: number; name: string; state: PresenceState | 'left'; at: number };

/**
 * The transport between processes: in-process on SQLite (one server process by design), LISTEN/NOTIFY
 * on PostgreSQL, where every process — the sender too — receives what any process sends.
 */
export interface RealtimeFeed {
  send(message: FeedMessage): void;
  /** Called for every message, the process's own included. `lost` is called when messages may have been missed (a dropped LISTEN connection). */
  listen(onMessage: (message: FeedMessage) => void, onLost: () => void): Promise<void>;
  close(): Promise<void>;
}

/** What one subscriber may learn of a ticket, reloaded through the policy: read it at all, and its internal side. */
export interface TicketReach {
  read: boolean;
  internal: boolean;
}

/** The tickets module's answer for a subscriber and a ticket (injected by app.ts: the platform imports no module). */
export type TicketAudience = (actor: Actor, ticketId: number) => Promise<TicketReach>;

/** A frame of the SSE stream (`event:` name, JSON data, optional `id:`). */
export interface LiveFrame {
  event: 'ready' | 'refetch' | 'ticket' | 'queues' | 'notifications' | 'presence' | 'signed_out';
  data: unknown;
  id?: number;
}

export interface Viewer {
  userId: number;
  name: string;
  state: PresenceState;
}
