import { Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TicketSummary } from '@pishkhan/contracts';
import { api, query } from '../shared/api.ts';
import { keys, POLL_MS } from '../shared/live.ts';
import { ErrorAlert } from '../shared/components.tsx';
import { useSession } from '../shared/session.ts';
import { TicketTable } from './TicketTable.tsx';
import { useDirectory } from './directory.ts';

type Page = { items: TicketSummary[]; nextCursor: string | null };

/** One queue view (default: My open), a keyset page at a time, refreshed while it is shown. */
export function QueuePage() {
  const { t } = useTranslation();
  const { name = 'my_open' } = useParams();
  const session = useSession();
  const { names } = useDirectory();
  const list = useInfiniteQuery({
    queryKey: keys.queue(name),
    queryFn: ({ pageParam }) => api.get<Page>(`/queues/${encodeURIComponent(name)}/tickets${query({ limit: 50, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: POLL_MS,
  });
  return (
    <>
      <Title order={2} size="h3" mb="md">
        {t(`queue.${name}`, { defaultValue: name })}
      </Title>
      <ErrorAlert error={list.error} />
      <TicketTable
        rows={list.data?.pages.flatMap((p) => p.items) ?? []}
        names={names}
        meAgentId={session.data?.me.agent?.id ?? 0}
        hasMore={list.hasNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
