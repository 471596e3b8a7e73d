import { useEffect } from 'react';
import { Anchor, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SearchHit, SearchType } from '@pishkhan/contracts';
import { Bidi, StatusBadge, TicketNumber } from '../shared/components.tsx';
import { useFindStrings } from '../shared/find-strings.ts';
import { Highlighted, HitSnippet, SearchError, useHitCount, useSearchHits } from '../shared/SearchHits.tsx';
import type { TicketStatus } from '../shared/ticket-words.ts';

/** `#10003` in any digits and nothing else: the agent means that ticket. */
const NUMBER_ONLY = /^#\p{Nd}+$/u;

/**
 * The header box's results (`/find?q=`): tickets, contacts and organisations of the search
 * language, each kind its own group and cursor. A bare `#number` that finds one ticket opens it.
 * Contacts and organisations open their admin lists (there is no page of one contact yet); a
 * contact also links to their tickets (`requester:<id>`, a query of the same language).
 */
export default function FindPage() {
  useFindStrings();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useSearchParams()[0].get('q') ?? '';
  const tickets = useSearchHits(q, 'ticket', 20);
  const contacts = useSearchHits(q, 'contact', 10);
  const organizations = useSearchHits(q, 'organization', 10);
  const firstTickets = tickets.data?.pages[0]?.items;
  const jumpTo = NUMBER_ONLY.test(q.trim()) && firstTickets?.length === 1 ? firstTickets[0]!.id : null;
  useEffect(() => {
    if (jumpTo !== null) navigate(`/tickets/${jumpTo}`, { replace: true });
  }, [jumpTo, navigate]);

  if (q.trim() === '') return <Text c="dimmed">{t('find.empty')}</Text>;
  const groups = [tickets, contacts, organizations];
  const error = groups.find((g) => g.error)?.error;
  const pending = groups.some((g) => g.isPending);
  const found = groups.some((g) => (g.data?.pages[0]?.items.length ?? 0) > 0);
  return (
    <Stack>
      <Title order={2} size="h3"><Bidi>{t('find.resultsFor', { q })}</Bidi></Title>
      {error ? <SearchError error={error} q={q} /> : null}
      {pending && !error && <Loader aria-label={t('common.loading')} />}
      {!pending && !error && !found && <Text c="dimmed">{t('find.none')}</Text>}
      {!error && (
        <>
          <HitGroup type="ticket" label={t('find.tickets')} list={tickets} />
          <HitGroup type="contact" label={t('find.contacts')} list={contacts} />
          <HitGroup type="organization" label={t('find.organizations')} list={organizations} />
        </>
      )}
    </Stack>
  );
}

function HitGroup({ type, label, list }: { type: SearchType; label: string; list: ReturnType<typeof useSearchHits> }) {
  const { t } = useTranslation();
  const count = useHitCount();
  const hits = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (hits.length === 0) return null;
  const more = list.hasNextPage;
  return (
    <section aria-labelledby={`find-${type}`} data-group={type}>
      <Group gap="xs" mb="xs">
        <Title order={3} size="h4" id={`find-${type}`}>{label}</Title>
        <Badge variant="light" title={more ? t('find.groupCountMore', { n: count(hits.length, false) }) : t('find.groupCount', { n: count(hits.length, false) })} data-count={hits.length}>
          {count(hits.length, more)}
        </Badge>
      </Group>
      <Stack gap="xs">
        {hits.map((hit) => <HitCard key={`${hit.type}:${hit.id}`} hit={hit} />)}
      </Stack>
      {more && <Button variant="subtle" mt="xs" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('common.loadMore')}</Button>}
    </section>
  );
}

const HIT_PAGE: Record<SearchType, (hit: SearchHit) => string> = {
  ticket: (hit) => `/tickets/${hit.id}`,
  contact: () => '/admin/contacts',
  organization: () => '/admin/organizations',
};

function HitCard({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" data-hit={`${hit.type}:${hit.id}`}>
      <Group justify="space-between" wrap="nowrap" align="start">
        <Anchor component={Link} to={HIT_PAGE[hit.type](hit)} fw={700} style={{ overflowWrap: 'anywhere' }}>
          {hit.number !== undefined && <><TicketNumber value={`#${hit.number}`} />{' '}</>}
          <Highlighted text={hit.title} ranges={hit.titleHighlights} />
        </Anchor>
        {hit.status && <StatusBadge status={hit.status as TicketStatus} />}
      </Group>
      <HitSnippet snippet={hit.snippet} />
      {hit.type === 'contact' && (
        <Anchor component={Link} size="sm" to={`/find?q=${encodeURIComponent(`requester:${hit.id}`)}`}>{t('find.theirTickets')}</Anchor>
      )}
    </Card>
  );
}
