import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import type { TicketPresence } from '@pishkhan/contracts';
import { renderWithProviders } from './render.tsx';
import { connectLive, keys, type LiveSource } from '../src/shared/live.ts';
import { PresenceBar } from '../src/agent/Presence.tsx';

afterEach(() => cleanup());

/** A stream whose frames the test sends, as the server's EventSource would deliver them. */
class FrameSource implements LiveSource {
  readonly listeners = new Map<string, Array<(e: MessageEvent<string>) => void>>();
  closed = false;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }
  addEventListener(type: string, listener: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  send(event: string, data: unknown) {
    for (const l of this.listeners.get(event) ?? []) l(new MessageEvent(event, { data: typeof data === 'string' ? data : JSON.stringify(data) }));
  }
}

function seeded(): QueryClient {
  const client = new QueryClient();
  for (const key of [keys.ticket(5), keys.articles(5), keys.ticket(6), keys.queues, keys.queue('my_open'), keys.notifications, ['tickets', 'portal', 'mine']]) client.setQueryData(key, { seeded: true });
  return client;
}
const invalidated = (client: QueryClient, key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated ?? false;

describe('live updates (shared/live.ts)', () => {
  it('opens /api/v1/live and turns each frame into the invalidations it implies', () => {
    const client = seeded();
    let source!: FrameSource;
    const close = connectLive(client, (url) => (source = new FrameSource(url)));
    expect(source.url).toBe('/api/v1/live');

    source.send('notifications', {});
    expect(invalidated(client, keys.notifications)).toBe(true);
    expect(invalidated(client, keys.queues)).toBe(false);

    source.send('queues', {});
    expect(invalidated(client, keys.queue('my_open'))).toBe(true);
    expect(invalidated(client, keys.ticket(5))).toBe(false);

    source.send('ticket', { ticketId: 5, event: 'ticket.article_added' });
    for (const key of [keys.ticket(5), keys.articles(5), ['tickets', 'portal', 'mine'], keys.queues]) expect(invalidated(client, key), JSON.stringify(key)).toBe(true);

    close();
    expect(source.closed).toBe(true);
  });

  it('a presence frame replaces the ticket’s presence; refetch invalidates everything; bad data is ignored', () => {
    const client = seeded();
    let source!: FrameSource;
    connectLive(client, (url) => (source = new FrameSource(url)));
    const presence: TicketPresence = { ticketId: 6, viewers: [{ userId: 2, name: 'سارا', state: 'typing' }] };
    source.send('presence', presence);
    expect(client.getQueryData(keys.presence(6))).toEqual(presence);
    source.send('ticket', 'not json {');
    expect(invalidated(client, keys.ticket(6))).toBe(false);
    source.send('refetch', {});
    expect(invalidated(client, keys.ticket(6))).toBe(true);
    expect(invalidated(client, keys.notifications)).toBe(true);
  });
});

describe('PresenceBar', () => {
  function renderBar(lang: 'fa' | 'en', presence: TicketPresence, selfUserId: number) {
    // No server here: what the bar shows comes from the cache, as the stream's frames fill it.
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
    client.setQueryData(keys.presence(presence.ticketId), presence);
    return { client, ...renderWithProviders(lang, <PresenceBar ticketId={presence.ticketId} selfUserId={selfUserId} />, { client }) };
  }

  it('shows the other agents, not oneself, with what they do; names as text', () => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    renderBar('en', { ticketId: 3, viewers: [{ userId: 1, name: 'Me', state: 'viewing' }, { userId: 2, name: payload, state: 'typing' }, { userId: 4, name: 'Reza', state: 'viewing' }] }, 1);
    const bar = screen.getByTestId('presence');
    expect(bar.textContent).toContain('Typing: ' + payload);
    expect(bar.textContent).toContain('Viewing: Reza');
    expect(bar.textContent).not.toContain('Me');
    expect(bar.querySelector('img')).toBeNull();
    expect(bar.getAttribute('aria-label')).toBe('Other agents on this ticket');
  });

  it('in Persian; and nothing at all when one is alone, live as frames arrive', async () => {
    const { client } = renderBar('fa', { ticketId: 3, viewers: [{ userId: 1, name: 'من', state: 'viewing' }] }, 1);
    expect(screen.queryByTestId('presence')).toBeNull();
    await act(async () => client.setQueryData(keys.presence(3), { ticketId: 3, viewers: [{ userId: 9, name: 'سارا', state: 'viewing' }] }));
    expect((await screen.findByTestId('presence')).textContent).toContain('در حال دیدن: سارا');
  });
});
