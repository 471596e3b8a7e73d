import { useMemo, useState } from 'react';
import { Button, Group, MultiSelect, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SavedView, TicketFilter, TicketSummary } from '@pishkhan/contracts';
import { api, query } from '../shared/api.ts';
import { ErrorAlert } from '../shared/components.tsx';
import { useSession } from '../shared/session.ts';
import { PRIORITIES, STATUSES } from '../shared/ticket-words.ts';
import { TicketTable, type Column } from './TicketTable.tsx';
import { useDirectory } from './directory.ts';

type Page = { items: TicketSummary[]; nextCursor: string | null };
const SERVER_SORT: Partial<Record<Column, string>> = { number: 'number', priority: 'priority', updated: 'updated_at', slaDue: 'sla_due' };

/** The filter form's state as a condition list of the filter language (what a saved view stores). */
export function filterOf(statuses: string[], priorities: string[], tag: string): TicketFilter {
  const all: TicketFilter[] = [];
  if (statuses.length) all.push({ field: 'status', op: 'in', value: statuses });
  if (priorities.length) all.push({ field: 'priority', op: 'in', value: priorities.map(Number) });
  if (tag.trim()) all.push({ field: 'tag', op: 'eq', value: tag.trim() });
  return { all };
}

function formOf(filter: TicketFilter | undefined) {
  const conditions = filter && 'all' in filter ? (filter.all as { field?: string; value?: unknown }[]) : [];
  const get = (field: string) => conditions.find((c) => c.field === field)?.value;
  return {
    statuses: ((get('status') as string[] | undefined) ?? []).map(String),
    priorities: ((get('priority') as number[] | undefined) ?? []).map(String),
    tag: String(get('tag') ?? ''),
  };
}

/** All tickets by filters (the filter language), server-side sort, and saved views of one's own. */
export default function SearchPage() {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const { names } = useDirectory();
  const [params] = useSearchParams();
  const viewId = Number(params.get('view') ?? 0);
  const views = useQuery({ queryKey: ['me', 'views'], queryFn: () => api.get<{ items: SavedView[] }>('/me/views') });
  const view = views.data?.items.find((v) => v.id === viewId);
  const initial = formOf(view?.filter);
  const [statuses, setStatuses] = useState<string[]>(initial.statuses);
  const [priorities, setPriorities] = useState<string[]>(initial.priorities);
  const [tag, setTag] = useState(initial.tag);
  const [number, setNumber] = useState(params.get('number') ?? '');
  const [sort, setSort] = useState<string>(view?.sort ?? '-updated_at');
  const [viewName, setViewName] = useState('');
  const [key, setKey] = useState(0);
  const filter = useMemo(() => filterOf(statuses, priorities, tag), [statuses, priorities, tag]);
  const list = useInfiniteQuery({
    queryKey: ['tickets', 'search', key, JSON.stringify(filter), sort, number, viewId],
    queryFn: ({ pageParam }) => api.get<Page>(`/tickets${query({ limit: 50, cursor: pageParam, sort, number: number.trim() || undefined, filter: JSON.stringify(filter) })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const save = useMutation({
    mutationFn: () => api.post<SavedView>('/me/views', { name: viewName.trim(), filter, sort }),
    onSuccess: () => {
      setViewName('');
      void client.invalidateQueries({ queryKey: ['me', 'views'] });
    },
  });
  return (
    <>
      <Title order={2} size="h3" mb="md">{view?.name ?? t('agent.allTickets')}</Title>
      <form onSubmit={(e) => { e.preventDefault(); setKey((k) => k + 1); }}>
        <Group align="end" mb="md">
          <MultiSelect label={t('column.status')} data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} value={statuses} onChange={setStatuses} w={260} />
          <MultiSelect label={t('column.priority')} data={PRIORITIES.map((p) => ({ value: String(p), label: t(`priority.${p}`) }))} value={priorities} onChange={setPriorities} w={200} />
          <TextInput label={t('search.tag')} value={tag} onChange={(e) => setTag(e.currentTarget.value)} w={140} />
          <TextInput label={t('search.number')} dir="ltr" value={number} onChange={(e) => setNumber(e.currentTarget.value)} w={140} />
          <Button type="submit">{t('search.apply')}</Button>
        </Group>
      </form>
      <form onSubmit={(e) => { e.preventDefault(); if (viewName.trim()) save.mutate(); }}>
        <Group align="end" mb="md">
          <TextInput label={t('search.viewName')} value={viewName} onChange={(e) => setViewName(e.currentTarget.value)} w={220} />
          <Button type="submit" variant="light" loading={save.isPending} disabled={!viewName.trim()}>{t('search.saveView')}</Button>
        </Group>
      </form>
      <ErrorAlert error={list.error ?? save.error} />
      <TicketTable
        rows={list.data?.pages.flatMap((p) => p.items) ?? []}
        names={names}
        meAgentId={session.data?.me.agent?.id ?? 0}
        hasMore={list.hasNextPage}
        onMore={() => void list.fetchNextPage()}
        onServerSort={(s) => {
          const field = SERVER_SORT[s.column];
          if (field) setSort(`${s.descending ? '-' : ''}${field}`);
        }}
      />
    </>
  );
}
