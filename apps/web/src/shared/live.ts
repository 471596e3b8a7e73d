import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { TicketPresence } from '@pishkhan/contracts';
import { SESSION_KEY } from './session.ts';

/**
 * Live updates: one Server-Sent Events stream per tab (GET /api/v1/live, platform/realtime) turns
 * each pushed frame into an invalidation of the queries it touches, so the views need no change —
 * they read through these keys. Polling stays as a slow fallback (a proxy that buffers the stream).
 */
export const POLL_MS = 60_000;

export const keys = {
  queues: ['queues'] as const,
  queue: (name: string) => ['queues', name] as const,
  tickets: ['tickets'] as const,
  ticket: (id: number) => ['tickets', id] as const,
  articles: (id: number) => ['tickets', id, 'articles'] as const,
  notifications: ['me', 'notifications'] as const,
  presence: (id: number) => ['presence', id] as const,
};

/** A pushed change, as the stream's frames carry it. */
export type LiveEvent =
  | { kind: 'ticket'; ticketId: number }
  | { kind: 'queues' }
  | { kind: 'notifications' }
  | { kind: 'presence'; presence: TicketPresence }
  | { kind: 'refetch' }
  | { kind: 'signed_out' };

export function applyLiveEvent(client: QueryClient, event: LiveEvent): void {
  switch (event.kind) {
    case 'ticket':
      // The ticket, its timeline and every ticket list (the portal's, search) — then the counts.
      void client.invalidateQueries({ queryKey: keys.tickets });
      void client.invalidateQueries({ queryKey: keys.queues });
      return;
    case 'queues':
      void client.invalidateQueries({ queryKey: keys.queues });
      return;
    case 'notifications':
      void client.invalidateQueries({ queryKey: keys.notifications });
      return;
    case 'presence':
      client.setQueryData(keys.presence(event.presence.ticketId), event.presence);
      return;
    case 'refetch':
      // Back after a gap: whatever happened meanwhile is read again rather than replayed.
      void client.invalidateQueries();
      return;
    case 'signed_out':
      void client.invalidateQueries({ queryKey: SESSION_KEY });
  }
}

/** The part of EventSource we use (the browser's; tests pass their own). */
export interface LiveSource {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}
export type LiveSourceFactory = (url: string) => LiveSource;

const FRAMES = ['ticket', 'queues', 'notifications', 'presence', 'refetch', 'signed_out'] as const;

/** Opens the stream and applies every frame; returns the close. */
export function connectLive(client: QueryClient, open: LiveSourceFactory = (url) => new EventSource(url, { withCredentials: true })): () => void {
  const source = open('/api/v1/live');
  for (const name of FRAMES) {
    source.addEventListener(name, (message) => {
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      if (name === 'ticket') applyLiveEvent(client, { kind: 'ticket', ticketId: (data as { ticketId: number }).ticketId });
      else if (name === 'presence') applyLiveEvent(client, { kind: 'presence', presence: data as TicketPresence });
      else applyLiveEvent(client, { kind: name });
    });
  }
  return () => source.close();
}

/** Keeps this tab's stream open while signed in (both entries call it). */
export function useLiveUpdates(signedIn: boolean, open?: LiveSourceFactory): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!signedIn || (open === undefined && typeof EventSource === 'undefined')) return;
    return connectLive(client, open);
  }, [client, signedIn, open]);
}
