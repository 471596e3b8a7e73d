import { useState } from 'react';
import { Button, Group, NumberInput, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { ErrorAlert } from '../shared/components.tsx';
import { ADMIN_KEY, useAdminWrite } from './admin-kit.tsx';
import { useAdminStrings } from './strings.ts';

/** Impact rows × urgency columns → priority 1..4, saved as one matrix; the draft survives a failed save. */
export default function PriorityMatrix() {
  useAdminStrings();
  const { t } = useTranslation();
  const matrix = useQuery({ queryKey: [...ADMIN_KEY, 'matrix'], queryFn: () => api.get<{ matrix: number[][] }>('/settings/priority-matrix') });
  const [draft, setDraft] = useState<number[][] | null>(null);
  const value = draft ?? matrix.data?.matrix;
  const save = useAdminWrite(() => api.put('/settings/priority-matrix', { matrix: value }), () => setDraft(null));
  if (!value) return <ErrorAlert error={matrix.error} />;
  return (
    <Stack maw={520}>
      <Title order={2} size="h3">{t('admin.priority')}</Title>
      <ErrorAlert error={save.error} />
      <Table aria-label={t('admin.priority')}>
        <Table.Thead><Table.Tr><Table.Th>{t('ticket.impact')} \ {t('ticket.urgency')}</Table.Th>{[1, 2, 3].map((u) => <Table.Th key={u}>{t(`level.${u}`)}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {value.map((row, i) => (
            <Table.Tr key={i}>
              <Table.Th>{t(`level.${i + 1}`)}</Table.Th>
              {row.map((cell, j) => (
                <Table.Td key={j}>
                  <NumberInput aria-label={t('admin.matrixCell', { impact: t(`level.${i + 1}`), urgency: t(`level.${j + 1}`) })} min={1} max={4} value={cell} w={70}
                    onChange={(v) => setDraft(value.map((r, x) => r.map((c, y) => (x === i && y === j ? Number(v) || c : c))))} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group><Button disabled={!draft} loading={save.isPending} onClick={() => save.mutate(undefined)}>{t('common.save')}</Button></Group>
    </Stack>
  );
}
