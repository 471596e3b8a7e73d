import { useState } from 'react';
import { Button, Group, MultiSelect, Paper, Stack, Switch, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Agent, Group as DeskGroup } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { Bidi, ErrorAlert } from '../shared/components.tsx';
import { ActiveBadge, EditDialog, FormActions, ListTable, PageTitle, useAdminWrite, useList } from './admin-kit.tsx';
import { nullIfBlank, patchBody } from './forms.ts';
import { useAdminStrings } from './strings.ts';
import { GroupAssignmentPanel } from './DutyPanels.tsx';

type Draft = { name: string; nameEn: string; description: string; memberIds: string[]; active: boolean };
const toBody = (d: Draft) => ({ name: d.name.trim(), nameEn: nullIfBlank(d.nameEn), description: nullIfBlank(d.description), memberIds: d.memberIds.map(Number), active: d.active });

function GroupFields({ draft, setDraft }: { draft: Draft; setDraft(d: Draft): void }) {
  const { t } = useTranslation();
  const agents = useList<Agent>('/agents?limit=200');
  const members = (agents.data?.items ?? []).map((a) => ({ value: String(a.id), label: a.name }));
  return (
    <>
      <Group grow align="start">
        <TextInput label={t('admin.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} required />
        <TextInput label={t('admin.nameEn')} dir="ltr" value={draft.nameEn} onChange={(e) => setDraft({ ...draft, nameEn: e.currentTarget.value })} />
      </Group>
      <Textarea label={t('adminPages.description')} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })} autosize minRows={2} />
      <MultiSelect label={t('adminPages.members')} data={members} value={draft.memberIds} onChange={(memberIds) => setDraft({ ...draft, memberIds })} searchable />
      <Switch label={t('adminPages.activeSwitch')} checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })} />
    </>
  );
}

function CreateGroup() {
  const { t } = useTranslation();
  const blank: Draft = { name: '', nameEn: '', description: '', memberIds: [], active: true };
  const [draft, setDraft] = useState(blank);
  const create = useAdminWrite(() => api.post('/groups', toBody(draft)), () => setDraft(blank));
  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(undefined); }}>
        <Stack>
          <Title order={3} size="h4">{t('admin.newGroup')}</Title>
          <GroupFields draft={draft} setDraft={setDraft} />
          <FormActions pending={create.isPending} error={create.error} label={t('admin.create')} />
        </Stack>
      </form>
    </Paper>
  );
}

function EditGroup({ group, onDone }: { group: DeskGroup; onDone(): void }) {
  const [draft, setDraft] = useState<Draft>({ name: group.name, nameEn: group.nameEn ?? '', description: group.description ?? '', memberIds: group.memberIds.map(String), active: group.active });
  const save = useAdminWrite(async () => {
    const body = patchBody(group, toBody(draft));
    return body ? api.patch(`/groups/${group.id}`, body) : null;
  }, onDone);
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(undefined); }}>
      <Stack>
        <GroupFields draft={draft} setDraft={setDraft} />
        <FormActions pending={save.isPending} error={save.error} onCancel={onDone} />
      </Stack>
    </form>
  );
}

export default function GroupsPage() {
  useAdminStrings();
  const { t } = useTranslation();
  const list = useList<DeskGroup>('/groups?limit=200');
  const [editing, setEditing] = useState<DeskGroup | null>(null);
  return (
    <Stack>
      <PageTitle>{t('admin.groups')}</PageTitle>
      <CreateGroup />
      <ErrorAlert error={list.error} />
      <ListTable
        label={t('admin.groups')}
        headers={[t('admin.name'), t('admin.nameEn'), t('adminPages.members'), t('adminPages.state'), t('adminPages.actions')]}
        rows={(list.data?.items ?? []).map((g) => [
          <Bidi key="n">{g.name}</Bidi>,
          <Bidi key="e">{g.nameEn ?? ''}</Bidi>,
          g.memberIds.length,
          <ActiveBadge key="s" active={g.active} />,
          <Button key="x" size="xs" variant="light" onClick={() => setEditing(g)} aria-label={t('adminPages.editNamed', { name: g.name })}>{t('adminPages.edit')}</Button>,
        ])}
      />
      <EditDialog title={t('adminPages.editGroup')} opened={editing !== null} onClose={() => setEditing(null)}>
        {editing && (
          <Stack>
            <EditGroup key={editing.id} group={editing} onDone={() => setEditing(null)} />
            <GroupAssignmentPanel key={`assignment-${editing.id}`} groupId={editing.id} name={editing.name} />
          </Stack>
        )}
      </EditDialog>
    </Stack>
  );
}
