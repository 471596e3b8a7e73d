import { useEffect, useMemo, useState } from 'react';
import { Button, Checkbox, Group, Select, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Ticket, TicketSummary } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { Bidi, ErrorAlert, PriorityBadge, StatusBadge, TicketNumber, When } from '../shared/components.tsx';
import { STATUSES, PRIORITIES } from '../shared/ticket-words.ts';
import { isTyping } from './Shortcuts.tsx';
import { SlaDueCell, useNow } from './SlaCountdown.tsx';

export type Column = 'number' | 'title' | 'requester' | 'organization' | 'priority' | 'status' | 'group' | 'assignee' | 'updated' | 'slaDue';
const COLUMNS: Column[] = ['number', 'title', 'requester', 'organization', 'priority', 'status', 'group', 'assignee', 'updated', 'slaDue'];
type Sort = { column: Column; descending: boolean };

export interface Names {
  groups: Map<number, string>;
  agents: Map<number, string>;
}

function sortValue(row: TicketSummary, column: Column, names: Names): string | number {
  switch (column) {
    case 'number': return row.number;
    case 'title': return row.title;
    case 'requester': return row.requester?.name ?? '';
    case 'organization': return row.organization?.name ?? '';
    case 'priority': return row.priority;
    case 'status': return STATUSES.indexOf(row.status);
    case 'group': return names.groups.get(row.assignee.groupId ?? 0) ?? '';
    case 'assignee': return names.agents.get(row.assignee.agentId ?? 0) ?? '';
    case 'updated': return row.updatedAt;
    // The earliest running due time; tickets without one sort last (as the server's sla_due).
    case 'slaDue': return row.sla?.dueAt ? Date.parse(row.sla.dueAt) : Number.MAX_SAFE_INTEGER;
  }
}

/** Loads each ticket for its version, then patches it: the bulk actions are one PATCH per ticket. */
async function patchEach(ids: number[], change: (t: Ticket) => Record<string, unknown>) {
  for (const id of ids) {
    const ticket = await api.get<Ticket>(`/tickets/${id}`);
    await api.patch(`/tickets/${id}`, { version: ticket.version, ...change(ticket) });
  }
}

/**
 * The ticket list: sortable columns, multi-select with bulk actions, keyboard navigation
 * (j/k move, x selects, Enter opens). Rows come a keyset page at a time (Load more).
 */
export function TicketTable({ rows, names, meAgentId, hasMore, onMore, onServerSort }: {
  rows: TicketSummary[];
  names: Names;
  meAgentId: number;
  hasMore: boolean;
  onMore(): void;
  /** When set, sorting asks the server (the search list); otherwise the loaded rows are sorted. */
  onServerSort?: (sort: Sort) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [sort, setSort] = useState<Sort>({ column: 'updated', descending: true });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [focus, setFocus] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [tag, setTag] = useState('');
  const now = useNow();

  const sorted = useMemo(() => {
    if (onServerSort) return rows;
    const copy = [...rows];
    copy.sort((a, b) => {
      const x = sortValue(a, sort.column, names);
      const y = sortValue(b, sort.column, names);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.descending ? -order : order;
    });
    return copy;
  }, [rows, sort, names, onServerSort]);

  useEffect(() => {
    const handler = (event: KeyboardEvent) => {
      if (isTyping(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'j') setFocus((f) => Math.min(f + 1, sorted.length - 1));
      else if (event.key === 'k') setFocus((f) => Math.max(f - 1, 0));
      else if (event.key === 'x' && sorted[focus]) toggle(sorted[focus].id);
      else if (event.key === 'Enter' && sorted[focus] && (event.target as HTMLElement).tagName !== 'BUTTON' && (event.target as HTMLElement).tagName !== 'A') navigate(`/tickets/${sorted[focus].id}`);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  });

  function toggle(id: number) {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  async function bulk(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      setSelected(new Set());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      void client.invalidateQueries({ queryKey: ['queues'] });
      void client.invalidateQueries({ queryKey: ['tickets'] });
    }
  }
  const ids = [...selected];

  function header(column: Column) {
    const active = sort.column === column;
    const Arrow = sort.descending ? IconArrowDown : IconArrowUp;
    return (
      <Table.Th key={column} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <UnstyledButton
          onClick={() => {
            const next = { column, descending: active ? !sort.descending : false };
            setSort(next);
            onServerSort?.(next);
          }}
        >
          <Group gap={4} wrap="nowrap">
            <Text size="sm" fw={700}>{t(`column.${column}`)}</Text>
            {active && <Arrow size={12} aria-hidden />}
          </Group>
        </UnstyledButton>
      </Table.Th>
    );
  }

  return (
    <>
      {selected.size > 0 && (
        <Group mb="sm" gap="xs" aria-label={t('bulk.label')} role="toolbar">
          <Text size="sm">{t('bulk.selected', { count: selected.size })}</Text>
          <Button size="xs" loading={busy} onClick={() => void bulk(() => patchEach(ids, () => ({ assigneeAgentId: meAgentId })))}>
            {t('bulk.assignMe')}
          </Button>
          <Select size="xs" w={160} aria-label={t('bulk.status')} placeholder={t('bulk.status')} data={STATUSES.filter((s) => s !== 'new' && s !== 'closed').map((s) => ({ value: s, label: t(`status.${s}`) }))} onChange={(v) => v && void bulk(() => patchEach(ids, () => ({ status: v })))} />
          <Select size="xs" w={140} aria-label={t('bulk.priority')} placeholder={t('bulk.priority')} data={PRIORITIES.map((p) => ({ value: String(p), label: t(`priority.${p}`) }))} onChange={(v) => v && void bulk(() => patchEach(ids, () => ({ priorityOverride: { priority: Number(v), reason: t('bulk.overrideReason') } })))} />
          <TextInput size="xs" w={120} aria-label={t('bulk.tag')} placeholder={t('bulk.tag')} value={tag} onChange={(e) => setTag(e.currentTarget.value)} />
          <Button size="xs" variant="light" disabled={!tag.trim()} onClick={() => void bulk(() => patchEach(ids, (tk) => ({ tags: [...new Set([...tk.tags, tag.trim()])] })))}>
            {t('bulk.addTag')}
          </Button>
          <Button size="xs" variant="light" disabled={ids.length < 2} onClick={() => void bulk(async () => { const [into, ...rest] = ids; for (const id of rest) await api.post(`/tickets/${id}/merge`, { intoTicketId: into }); })}>
            {t('bulk.merge')}
          </Button>
        </Group>
      )}
      <ErrorAlert error={error} />
      <Table.ScrollContainer minWidth={900}>
        <Table highlightOnHover stickyHeader aria-label={t('agent.ticketList')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <Checkbox aria-label={t('bulk.selectAll')} checked={rows.length > 0 && selected.size === rows.length} onChange={(e) => setSelected(e.currentTarget.checked ? new Set(rows.map((r) => r.id)) : new Set())} />
              </Table.Th>
              {COLUMNS.map(header)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((row, index) => (
              <Table.Tr key={row.id} className={index === focus ? 'row-focused' : undefined} data-ticket-id={row.id} aria-selected={selected.has(row.id)}>
                <Table.Td>
                  <Checkbox aria-label={t('bulk.selectOne', { number: row.displayNumber })} checked={selected.has(row.id)} onChange={() => toggle(row.id)} />
                </Table.Td>
                <Table.Td><TicketNumber value={row.displayNumber} /></Table.Td>
                <Table.Td>
                  <UnstyledButton onClick={() => navigate(`/tickets/${row.id}`)} onFocus={() => setFocus(index)} fw={500}>
                    <Bidi>{row.title}</Bidi>
                  </UnstyledButton>
                </Table.Td>
                <Table.Td><Bidi>{row.requester?.name ?? '—'}</Bidi></Table.Td>
                <Table.Td><Bidi>{row.organization?.name ?? '—'}</Bidi></Table.Td>
                <Table.Td><PriorityBadge priority={row.priority} /></Table.Td>
                <Table.Td><StatusBadge status={row.status} /></Table.Td>
                <Table.Td><Bidi>{names.groups.get(row.assignee.groupId ?? 0) ?? '—'}</Bidi></Table.Td>
                <Table.Td><Bidi>{names.agents.get(row.assignee.agentId ?? 0) ?? '—'}</Bidi></Table.Td>
                <Table.Td><When instant={row.updatedAt} relative /></Table.Td>
                <Table.Td><SlaDueCell ticket={row} now={now} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length === 0 && <Text c="dimmed" p="md">{t('agent.noTickets')}</Text>}
      {hasMore && (
        <Button variant="subtle" mt="sm" onClick={onMore}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}
