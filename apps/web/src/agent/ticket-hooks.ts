import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Article, Ticket, UpdateTicketBody } from '@pishkhan/contracts';
import { api, ApiError } from '../shared/api.ts';
import { keys, POLL_MS } from '../shared/live.ts';

type Page<T> = { items: T[]; nextCursor: string | null };

export function useTicket(id: number) {
  return useQuery({ queryKey: keys.ticket(id), queryFn: () => api.get<Ticket>(`/tickets/${id}`), refetchInterval: POLL_MS });
}

/** The whole timeline, oldest first (pages of 200 until the end). */
export function useArticles(id: number) {
  return useQuery({
    queryKey: keys.articles(id),
    queryFn: async () => {
      const all: Article[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<Article> = await api.get<Page<Article>>(`/tickets/${id}/articles?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    },
    refetchInterval: POLL_MS,
  });
}

/**
 * Edits a ticket at the version the reader saw. A stale save (409 record.stale) is kept, not
 * lost: `stale` holds the change so the view can explain it and apply it again on the latest.
 */
export function useTicketEdit(ticket: Ticket | undefined) {
  const client = useQueryClient();
  const [stale, setStale] = useState<Omit<UpdateTicketBody, 'version'> | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ change, version }: { change: Omit<UpdateTicketBody, 'version'>; version: number }) =>
      api.patch<Ticket>(`/tickets/${ticket!.id}`, { ...change, version }),
    onSuccess: (saved) => {
      setStale(null);
      client.setQueryData(keys.ticket(saved.id), saved);
      void client.invalidateQueries({ queryKey: keys.queues });
      void client.invalidateQueries({ queryKey: keys.articles(saved.id) });
    },
    onError: (error, { change }) => {
      if (error instanceof ApiError && error.code === 'record.stale') {
        setStale(change);
        void client.invalidateQueries({ queryKey: keys.ticket(ticket!.id) });
      }
    },
  });
  return {
    save: (change: Omit<UpdateTicketBody, 'version'>) => ticket && mutation.mutate({ change, version: ticket.version }),
    error: mutation.error instanceof ApiError && mutation.error.code === 'record.stale' ? null : mutation.error,
    pending: mutation.isPending,
    stale,
    retryStale: () => ticket && stale && mutation.mutate({ change: stale, version: ticket.version }),
    dropStale: () => setStale(null),
  };
}
