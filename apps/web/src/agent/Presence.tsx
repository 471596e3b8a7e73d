import { useEffect, useRef } from 'react';
import { Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PresenceState, TicketPresence } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { keys, POLL_MS } from '../shared/live.ts';
import { Bidi } from '../shared/components.tsx';

/** How often the tab renews its report (the server keeps one 30 s), and how long a keystroke counts as typing. */
export const RENEW_MS = 10_000;
const TYPING_MS = 5_000;

/**
 * Reports this agent on the ticket while the view is open — viewing, or typing for a few seconds
 * after a keystroke in the composer — and leaves when it closes. Returns the keystroke handler.
 */
export function usePresenceReport(ticketId: number, enabled: boolean): () => void {
  const typedAt = useRef(0);
  const sent = useRef<PresenceState | null>(null);
  const report = (state: PresenceState) => {
    sent.current = state;
    void api.put(`/tickets/${ticketId}/presence`, { state }).catch(() => {});
  };
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    const arrive = () => {
      report('viewing');
      clearInterval(timer);
      timer = setInterval(() => report(Date.now() - typedAt.current < TYPING_MS ? 'typing' : 'viewing'), RENEW_MS);
    };
    // Leaving: the view closing inside the app, or the page going away (reload, another site, the tab).
    const leave = () => {
      clearInterval(timer);
      if (sent.current === null) return;
      sent.current = null;
      void api.delete(`/tickets/${ticketId}/presence`, { keepalive: true }).catch(() => {});
    };
    // A page restored from the back-forward cache is back on the ticket.
    const back = (event: PageTransitionEvent) => event.persisted && arrive();
    arrive();
    window.addEventListener('pagehide', leave);
    window.addEventListener('pageshow', back);
    return () => {
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('pageshow', back);
      leave();
    };
  }, [ticketId, enabled]);
  return () => {
    typedAt.current = Date.now();
    if (enabled && sent.current !== 'typing') report('typing');
  };
}

/** The other agents on this ticket now, live (presence frames of the stream; GET as the fallback). */
export function PresenceBar({ ticketId, selfUserId }: { ticketId: number; selfUserId: number | undefined }) {
  const { t } = useTranslation();
  const presence = useQuery({
    queryKey: keys.presence(ticketId),
    queryFn: () => api.get<TicketPresence>(`/tickets/${ticketId}/presence`),
    refetchInterval: POLL_MS,
  });
  const others = (presence.data?.viewers ?? []).filter((v) => v.userId !== selfUserId);
  if (others.length === 0) return null;
  return (
    <Group gap="xs" role="status" aria-label={t('live.presenceLabel')} data-testid="presence">
      {others.map((v) => (
        <Text key={v.userId} size="sm" c={v.state === 'typing' ? 'blue.9' : 'dimmed'} data-state={v.state}>
          {v.state === 'typing' ? t('live.typing') : t('live.viewing')} <Bidi>{v.name}</Bidi>
        </Text>
      ))}
    </Group>
  );
}
