import { Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { Bidi, When } from '../shared/components.tsx';

type Entry = { id: number; field: string; oldValue: string | null; newValue: string | null; actor: { name: string }; createdAt: string };

/** Every field change of the ticket, newest as the server orders them. */
export function HistoryTab({ ticketId }: { ticketId: number }) {
  const { t } = useTranslation();
  const history = useQuery({ queryKey: ['tickets', ticketId, 'history'], queryFn: () => api.get<{ items: Entry[] }>(`/tickets/${ticketId}/history?limit=200`) });
  return (
    <Table aria-label={t('ticket.history')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('history.when')}</Table.Th>
          <Table.Th>{t('history.who')}</Table.Th>
          <Table.Th>{t('history.field')}</Table.Th>
          <Table.Th>{t('history.from')}</Table.Th>
          <Table.Th>{t('history.to')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {(history.data?.items ?? []).map((h) => (
          <Table.Tr key={h.id}>
            <Table.Td><When instant={h.createdAt} relative /></Table.Td>
            <Table.Td><Bidi>{h.actor.name}</Bidi></Table.Td>
            <Table.Td>{t(`field.${h.field}`, { defaultValue: h.field })}</Table.Td>
            <Table.Td><Bidi>{h.oldValue ?? '—'}</Bidi></Table.Td>
            <Table.Td><Bidi>{h.newValue ?? '—'}</Bidi></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
