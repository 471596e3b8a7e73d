import { useState, type ReactNode } from 'react';
import { Button, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Agent, Category, Contact, Group as DeskGroup, Organization } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { Bidi, ErrorAlert, When } from '../shared/components.tsx';

type Page<T> = { items: T[]; nextCursor: string | null };
type Job = { id: number; name: string; status: string; attempts: number; lastError: string | null; updatedAt: string };

function useList<T>(path: string) {
  return useQuery({ queryKey: ['admin', path], queryFn: () => api.get<Page<T>>(path) });
}

function ListTable({ label, headers, rows }: { label: string; headers: string[]; rows: ReactNode[][] }) {
  return (
    <Table.ScrollContainer minWidth={500}>
      <Table aria-label={label} striped>
        <Table.Thead><Table.Tr>{headers.map((h) => <Table.Th key={h}>{h}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>{rows.map((r, i) => <Table.Tr key={i}>{r.map((c, j) => <Table.Td key={j}>{c}</Table.Td>)}</Table.Tr>)}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A create form with one name field: groups, organisations, categories. */
function CreateByName({ path, label }: { path: string; label: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({ mutationFn: () => api.post(path, { name: name.trim() }), onSuccess: () => { setName(''); void client.invalidateQueries({ queryKey: ['admin'] }); } });
  return (
    <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
      <Group align="end">
        <TextInput label={label} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <Button type="submit" loading={create.isPending}>{t('admin.create')}</Button>
      </Group>
      <ErrorAlert error={create.error} />
    </form>
  );
}

function Agents() {
  const { t } = useTranslation();
  const list = useList<Agent>('/agents?limit=200');
  return <Stack><Title order={2} size="h3">{t('admin.agents')}</Title><ErrorAlert error={list.error} />
    <ListTable label={t('admin.agents')} headers={[t('admin.name'), t('admin.email'), t('admin.roles'), t('admin.groupCount')]} rows={(list.data?.items ?? []).map((a) => [<Bidi key="n">{a.name}</Bidi>, <bdi key="e" dir="ltr">{a.email}</bdi>, a.roles.map((r) => t(`role.${r}`)).join('، '), a.groupIds.length])} /></Stack>;
}

function Groups() {
  const { t } = useTranslation();
  const list = useList<DeskGroup>('/groups?limit=200');
  return <Stack><Title order={2} size="h3">{t('admin.groups')}</Title><CreateByName path="/groups" label={t('admin.newGroup')} /><ErrorAlert error={list.error} />
    <ListTable label={t('admin.groups')} headers={[t('admin.name')]} rows={(list.data?.items ?? []).map((g) => [<Bidi key="n">{g.name}</Bidi>])} /></Stack>;
}

function Organizations() {
  const { t } = useTranslation();
  const orgs = useList<Organization>('/organizations?limit=200');
  const contacts = useList<Contact>('/contacts?limit=200');
  return <Stack><Title order={2} size="h3">{t('admin.organizations')}</Title><CreateByName path="/organizations" label={t('admin.newOrganization')} /><ErrorAlert error={orgs.error ?? contacts.error} />
    <ListTable label={t('admin.organizations')} headers={[t('admin.name'), t('admin.membersSeeEachOther')]} rows={(orgs.data?.items ?? []).map((o) => [<Bidi key="n">{o.name}</Bidi>, o.membersSeeEachOther ? t('common.yes') : t('common.no')])} />
    <Title order={3} size="h4">{t('admin.contacts')}</Title>
    <ListTable label={t('admin.contacts')} headers={[t('admin.name'), t('admin.email'), t('admin.phone')]} rows={(contacts.data?.items ?? []).map((c) => [<Bidi key="n">{c.name}</Bidi>, <bdi key="e" dir="ltr">{c.emails[0] ?? ''}</bdi>, <bdi key="p" dir="ltr">{c.phones[0]?.phone ?? ''}</bdi>])} /></Stack>;
}

function Categories() {
  const { t } = useTranslation();
  const list = useList<Category>('/categories');
  return <Stack><Title order={2} size="h3">{t('admin.categories')}</Title><CreateByName path="/categories" label={t('admin.newCategory')} /><ErrorAlert error={list.error} />
    <ListTable label={t('admin.categories')} headers={[t('admin.name'), t('admin.nameEn')]} rows={(list.data?.items ?? []).map((c) => [<Bidi key="n">{c.name}</Bidi>, <Bidi key="e">{c.nameEn ?? ''}</Bidi>])} /></Stack>;
}

/** Impact rows × urgency columns → priority 1..4, saved as one matrix. */
function PriorityMatrix() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const matrix = useQuery({ queryKey: ['admin', 'matrix'], queryFn: () => api.get<{ matrix: number[][] }>('/settings/priority-matrix') });
  const [draft, setDraft] = useState<number[][] | null>(null);
  const value = draft ?? matrix.data?.matrix;
  const save = useMutation({ mutationFn: () => api.put('/settings/priority-matrix', { matrix: value }), onSuccess: () => { setDraft(null); void client.invalidateQueries({ queryKey: ['admin', 'matrix'] }); } });
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
      <Group><Button disabled={!draft} loading={save.isPending} onClick={() => save.mutate()}>{t('common.save')}</Button></Group>
    </Stack>
  );
}

function Settings() {
  const { t } = useTranslation();
  return <Stack><Title order={2} size="h3">{t('admin.settings')}</Title><Text>{t('admin.settingsIntro')}</Text><PriorityMatrix /></Stack>;
}

function Jobs() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useList<Job>('/admin/jobs?status=dead&limit=100');
  const retry = useMutation({ mutationFn: (id: number) => api.post(`/admin/jobs/${id}/retry`), onSettled: () => client.invalidateQueries({ queryKey: ['admin'] }) });
  return <Stack><Title order={2} size="h3">{t('admin.jobs')}</Title><ErrorAlert error={list.error ?? retry.error} />
    {(list.data?.items ?? []).length === 0 && <Text c="dimmed">{t('admin.noDeadJobs')}</Text>}
    <ListTable label={t('admin.jobs')} headers={[t('admin.jobName'), t('admin.attempts'), t('admin.lastError'), t('admin.updated'), '']} rows={(list.data?.items ?? []).map((j) => [<bdi key="n" dir="ltr">{j.name}</bdi>, j.attempts, <Text key="e" size="xs" className="body-text"><bdi dir="ltr">{j.lastError ?? ''}</bdi></Text>, <When key="w" instant={j.updatedAt} relative />, <Button key="r" size="xs" onClick={() => retry.mutate(j.id)}>{t('admin.retry')}</Button>])} /></Stack>;
}

/** Admin pages (lazy: not in the workspace's first screen). The server refuses non-admins (403). */
export default function AdminRoutes() {
  return (
    <Routes>
      <Route path="agents" element={<Agents />} />
      <Route path="groups" element={<Groups />} />
      <Route path="organizations" element={<Organizations />} />
      <Route path="categories" element={<Categories />} />
      <Route path="priority" element={<PriorityMatrix />} />
      <Route path="settings" element={<Settings />} />
      <Route path="jobs" element={<Jobs />} />
    </Routes>
  );
}
