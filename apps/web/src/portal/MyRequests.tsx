import { Button, Card, Group, Loader, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TicketSummary } from '@pishkhan/contracts';
import { api, query } from '../shared/api.ts';
import { POLL_MS } from '../shared/live.ts';
import { Bidi, ErrorAlert, StatusBadge, TicketNumber, When } from '../shared/components.tsx';
import { useSession } from '../shared/session.ts';

// The results and their strings load on the first search, outside the first screen (its budget).
const RequestSearch = lazy(() => import('./RequestSearch.tsx'));

type Page = { items: TicketSummary[]; nextCursor: string | null };

/**
 * Cards, not a table: they fit a 360 px screen. "Mine" filters by requester; "all" is what the server
 * lets me see. A search replaces the list with its hits (RequestSearch, lazy).
 */
export function MyRequests() {
  const { t } = useTranslation();
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const [draft, setDraft] = useState('');
  const [searched, setSearched] = useState('');
  const list = useRequests(scope);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">{t('portal.myRequests')}</Title>
        <Button component={Link} to="/new">{t('portal.newRequest')}</Button>
      </Group>
      <form role="search" onSubmit={(e) => { e.preventDefault(); setSearched(draft.trim() ? draft : ''); }}>
        <TextInput type="search" aria-label={t('portal.search')} placeholder={t('portal.search')} value={draft} onChange={(e) => setDraft(e.currentTarget.value)} />
      </form>
      {searched ? (
        <Suspense fallback={<Loader aria-label={t('common.loading')} />}>
          <RequestSearch q={searched} onClear={() => { setDraft(''); setSearched(''); }} />
        </Suspense>
      ) : (
        <MyList scope={scope} setScope={setScope} list={list} />
      )}
    </Stack>
  );
}

/** My requests, or all I may see: "mine" filters by requester. */
function useRequests(scope: 'mine' | 'all') {
  const contactId = useSession().data?.me.contact?.id;
  return useInfiniteQuery({
    queryKey: ['tickets', 'portal', scope],
    queryFn: ({ pageParam }) => api.get<Page>(`/tickets${query({ limit: 25, cursor: pageParam, requesterContactId: scope === 'mine' ? contactId : undefined })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: POLL_MS,
  });
}

function MyList({ scope, setScope, list }: { scope: 'mine' | 'all'; setScope(s: 'mine' | 'all'): void; list: ReturnType<typeof useRequests> }) {
  const { t } = useTranslation();
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <SegmentedControl aria-label={t('portal.scope')} value={scope} onChange={(v) => setScope(v === 'all' ? 'all' : 'mine')} data={[{ value: 'mine', label: t('portal.mine') }, { value: 'all', label: t('portal.organization') }]} />
      <ErrorAlert error={list.error} />
      {rows.length === 0 && !list.isPending && <Text c="dimmed">{t('portal.noRequests')}</Text>}
      {rows.map((row) => (
        <Card key={row.id} withBorder component={Link} to={`/requests/${row.id}`} data-ticket-id={row.id}>
          <Group justify="space-between" wrap="nowrap" align="start">
            <Text fw={700} style={{ overflowWrap: 'anywhere' }}><Bidi>{row.title}</Bidi></Text>
            <StatusBadge status={row.status} />
          </Group>
          <Text size="xs" c="dimmed"><TicketNumber value={row.displayNumber} /> · <When instant={row.updatedAt} relative /></Text>
        </Card>
      ))}
      {list.hasNextPage && <Button variant="subtle" onClick={() => void list.fetchNextPage()}>{t('common.loadMore')}</Button>}
    </>
  );
}
