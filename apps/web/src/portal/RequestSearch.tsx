import { Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { StatusBadge, TicketNumber } from '../shared/components.tsx';
import { useFindStrings } from '../shared/find-strings.ts';
import { Highlighted, HitSnippet, SearchError, useHitCount, useSearchHits } from '../shared/SearchHits.tsx';
import type { TicketStatus } from '../shared/ticket-words.ts';

/**
 * The customer's search over the requests they may see (`/search?type=ticket`: the server scopes it
 * to their own, and their organisation's when it shares, and never matches a note). Loaded lazily
 * with its strings, outside the portal's first screen.
 */
export default function RequestSearch({ q, onClear }: { q: string; onClear(): void }) {
  useFindStrings();
  const { t } = useTranslation();
  const count = useHitCount();
  const list = useSearchHits(q, 'ticket', 20);
  const hits = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="xs" data-testid="request-search">
      <Group justify="space-between">
        <Title order={3} size="h4">{t('find.found')} ({count(hits.length, list.hasNextPage)})</Title>
        <Button variant="subtle" size="xs" onClick={onClear}>{t('find.clear')}</Button>
      </Group>
      {list.error ? <SearchError error={list.error} q={q} /> : null}
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {!list.isPending && !list.error && hits.length === 0 && <Text c="dimmed">{t('find.none')}</Text>}
      {hits.map((hit) => (
        <Card key={hit.id} withBorder component={Link} to={`/requests/${hit.id}`} data-ticket-id={hit.id}>
          <Group justify="space-between" wrap="nowrap" align="start">
            <Text fw={700} style={{ overflowWrap: 'anywhere' }}><Highlighted text={hit.title} ranges={hit.titleHighlights} /></Text>
            {hit.status && <StatusBadge status={hit.status as TicketStatus} />}
          </Group>
          {hit.number !== undefined && <Text size="xs" c="dimmed"><TicketNumber value={`#${hit.number}`} /></Text>}
          <HitSnippet snippet={hit.snippet} />
        </Card>
      ))}
      {list.hasNextPage && <Button variant="subtle" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('common.loadMore')}</Button>}
    </Stack>
  );
}
