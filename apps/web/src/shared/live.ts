import type { QueryClient } from '@tanstack/react-query';

/**
 * Live updates plug in here. Today every live view polls (POLL_MS); when platform/realtime lands
 * (SSE or WebSocket), `connectLive` will turn each pushed event into an invalidation of the
 * queries it touches — the views need no change, they already read through these keys.
 */
export const POLL_MS = 15_000;

export const keys = {
  queues: ['queues'] as const,
  queue: (name: string) => ['queues', name] as const,
  tickets: ['tickets'] as const,
  ticket: (id: number) => ['tickets', id] as const,
  articles: (id: number) => ['tickets', id, 'articles'] as const,
  notifications: ['me', 'notifications'] as const,
};

/** A pushed change, as the realtime port will send it. */
export type LiveEvent = { kind: 'ticket'; ticketId: number } | { kind: 'queues' } | { kind: 'notifications' };

export function applyLiveEvent(client: QueryClient, event: LiveEvent): void {
  if (event.kind === 'ticket') {
    void client.invalidateQueries({ queryKey: keys.ticket(event.ticketId) });
    void client.invalidateQueries({ queryKey: keys.queues });
  } else if (event.kind === 'queues') void client.invalidateQueries({ queryKey: keys.queues });
  else void client.invalidateQueries({ queryKey: keys.notifications });
}
