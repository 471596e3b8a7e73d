import { useState } from 'react';
import { Alert, Button, Group, MultiSelect, Paper, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Agent, CreatedAgent, Group as DeskGroup } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { Bidi, ErrorAlert, When } from '../shared/components.tsx';
import { ActiveBadge, ADMIN_KEY, EditDialog, FormActions, InvitationButton, ListTable, PageTitle, ShownOnce, useAdminWrite, useList } from './admin-kit.tsx';
import { patchBody } from './forms.ts';
import { AgentSchedule } from './DutyPanels.tsx';
import { useAdminStrings } from './strings.ts';

const ROLES = ['analyst', 'supervisor', 'manager', 'crm', 'admin'] as const;

function useChoices() {
  const { t } = useTranslation();
  const groups = useList<DeskGroup>('/groups?limit=200');
  return {
    roles: ROLES.map((r) => ({ value: r, label: t(`role.${r}`) })),
    groups: (groups.data?.items ?? []).map((g) => ({ value: String(g.id), label: g.name })),
    groupName: (id: number) => groups.data?.items.find((g) => g.id === id)?.name ?? String(id),
    languages: [{ value: 'fa', label: t('common.languageFa') }, { value: 'en', label: t('common.languageEn') }],
  };
}

function CreateAgent() {
  const { t } = useTranslation();
  const choices = useChoices();
  const blank = { email: '', name: '', roles: ['analyst'], groupIds: [] as string[], locale: 'fa' };
  const [draft, setDraft] = useState(blank);
  const [created, setCreated] = useState<CreatedAgent | null>(null);
  const create = useAdminWrite(
    () => api.post<CreatedAgent>('/agents', { email: draft.email.trim(), name: draft.name.trim(), roles: draft.roles, groupIds: draft.groupIds.map(Number), locale: draft.locale }),
    (agent) => { setCreated(agent); setDraft(blank); },
  );
  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(undefined); }}>
        <Stack>
          <Title order={3} size="h4">{t('adminPages.newAgent')}</Title>
          <Group grow align="start">
            <TextInput label={t('admin.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} required />
            <TextInput label={t('admin.email')} type="email" dir="ltr" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.currentTarget.value })} required />
          </Group>
          <Group grow align="start">
            <MultiSelect label={t('admin.roles')} data={choices.roles} value={draft.roles} onChange={(roles) => setDraft({ ...draft, roles })} required />
            <MultiSelect label={t('admin.groups')} data={choices.groups} value={draft.groupIds} onChange={(groupIds) => setDraft({ ...draft, groupIds })} searchable />
            <Select label={t('preferences.language')} data={choices.languages} value={draft.locale} allowDeselect={false} onChange={(v) => setDraft({ ...draft, locale: v ?? 'fa' })} />
          </Group>
          <FormActions pending={create.isPending} error={create.error} label={t('admin.create')} />
        </Stack>
      </form>
      {created && (
        <Stack mt="sm">
          {created.initialPassword && <ShownOnce title={t('adminPages.initialPassword', { email: created.email })} value={created.initialPassword} note={t('adminPages.initialPasswordNote')} />}
          {created.linkedToExistingUser && <Text size="sm">{t('adminPages.linkedToExistingUser')}</Text>}
        </Stack>
      )}
    </Paper>
  );
}

type SessionItem = { id: number; lastSeenAt: string; ip: string | null; userAgent: string | null };

/** An admin's view of an agent's sessions: end one, or lift a temporary lock after failed sign-ins. */
function AgentSessions({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const sessions = useQuery({ queryKey: [...ADMIN_KEY, 'sessions', userId], queryFn: () => api.get<{ items: SessionItem[] }>(`/admin/users/${userId}/sessions`) });
  const revoke = useAdminWrite((id: number) => api.delete(`/sessions/${id}`));
  const [unlocked, setUnlocked] = useState(false);
  const unlock = useAdminWrite(() => api.post(`/admin/users/${userId}/unlock`), () => setUnlocked(true));
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">{t('account.sessions')}</Title>
      <ErrorAlert error={sessions.error ?? revoke.error ?? unlock.error} />
      {(sessions.data?.items ?? []).length === 0 && <Text size="sm" c="dimmed">{t('adminPages.noSessions')}</Text>}
      {(sessions.data?.items ?? []).map((s) => (
        <Group key={s.id} gap="xs" justify="space-between" wrap="nowrap">
          <Text size="xs"><When instant={s.lastSeenAt} relative /> · <bdi dir="ltr">{s.ip ?? ''} {s.userAgent ?? ''}</bdi></Text>
          <Button size="compact-xs" color="red" variant="light" onClick={() => revoke.mutate(s.id)} aria-label={t('account.revokeSession', { id: s.id })}>{t('account.revoke')}</Button>
        </Group>
      ))}
      <Group><Button size="xs" variant="default" loading={unlock.isPending} onClick={() => unlock.mutate(undefined)}>{t('adminPages.unlock')}</Button></Group>
      {unlocked && <Alert color="teal" role="status">{t('adminPages.unlocked')}</Alert>}
    </Stack>
  );
}

/** An admin removes an agent's two-step verification (a lost phone and lost recovery codes); audited by the server. */
function ResetTwoStep({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  const reset = useAdminWrite(() => api.post(`/admin/users/${userId}/totp/reset`), () => setDone(true));
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">{t('twoStep.title')}</Title>
      <Text size="xs" c="dimmed">{t('twoStep.adminResetNote')}</Text>
      <ErrorAlert error={reset.error} />
      <Group><Button size="xs" color="red" variant="light" loading={reset.isPending} onClick={() => reset.mutate(undefined)}>{t('twoStep.adminReset')}</Button></Group>
      {done && <Alert color="teal" role="status">{t('twoStep.adminResetDone')}</Alert>}
    </Stack>
  );
}

/** Edit an agent at the version read: name, email, language, roles, groups, active. */
export function EditAgent({ agent, onDone }: { agent: Agent; onDone(): void }) {
  const { t } = useTranslation();
  const choices = useChoices();
  const [draft, setDraft] = useState({ name: agent.name, email: agent.email, roles: agent.roles, groupIds: agent.groupIds.map(String), active: agent.active, locale: null as string | null });
  const [unchanged, setUnchanged] = useState(false);
  const save = useAdminWrite(async () => {
    const body = patchBody(agent, { name: draft.name.trim(), email: draft.email.trim(), roles: draft.roles, groupIds: draft.groupIds.map(Number), active: draft.active });
    const withLocale = draft.locale ? { ...(body ?? { version: agent.version }), locale: draft.locale } : body;
    if (!withLocale) { setUnchanged(true); return null; }
    return api.patch<Agent>(`/agents/${agent.id}`, withLocale);
  }, (result) => { if (result) onDone(); });
  return (
    <Stack>
      <form onSubmit={(e) => { e.preventDefault(); setUnchanged(false); save.mutate(undefined); }}>
        <Stack>
          <TextInput label={t('admin.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} required />
          <TextInput label={t('admin.email')} type="email" dir="ltr" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.currentTarget.value })} required />
          <Select label={t('preferences.language')} placeholder={t('adminPages.unchanged')} data={choices.languages} value={draft.locale} onChange={(locale) => setDraft({ ...draft, locale })} clearable />
          <MultiSelect label={t('admin.roles')} data={choices.roles} value={draft.roles} onChange={(roles) => setDraft({ ...draft, roles })} required />
          <MultiSelect label={t('admin.groups')} data={choices.groups} value={draft.groupIds} onChange={(groupIds) => setDraft({ ...draft, groupIds })} searchable />
          <Switch label={t('adminPages.activeSwitch')} description={t('adminPages.deactivateAgentNote')} checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })} />
          {unchanged && <Text size="sm" role="status">{t('adminPages.nothingChanged')}</Text>}
          <FormActions pending={save.isPending} error={save.error} onCancel={onDone} />
        </Stack>
      </form>
      <InvitationButton path={`/agents/${agent.id}/invitation`} label={t('adminPages.sendResetLink')} />
      <AgentSchedule agentId={agent.id} name={agent.name} />
      <AgentSessions userId={agent.userId} />
      <ResetTwoStep userId={agent.userId} />
    </Stack>
  );
}

export default function AgentsPage() {
  useAdminStrings();
  const { t } = useTranslation();
  const list = useList<Agent>('/agents?limit=200');
  const choices = useChoices();
  const [editing, setEditing] = useState<Agent | null>(null);
  return (
    <Stack>
      <PageTitle>{t('admin.agents')}</PageTitle>
      <CreateAgent />
      <ErrorAlert error={list.error} />
      <ListTable
        label={t('admin.agents')}
        minWidth={720}
        headers={[t('admin.name'), t('admin.email'), t('admin.roles'), t('admin.groups'), t('adminPages.state'), t('adminPages.actions')]}
        rows={(list.data?.items ?? []).map((a) => [
          <Bidi key="n">{a.name}</Bidi>,
          <bdi key="e" dir="ltr">{a.email}</bdi>,
          a.roles.map((r) => t(`role.${r}`)).join(t('adminPages.listSeparator')),
          a.groupIds.map(choices.groupName).join(t('adminPages.listSeparator')),
          <ActiveBadge key="s" active={a.active} />,
          <Button key="x" size="xs" variant="light" onClick={() => setEditing(a)} aria-label={t('adminPages.editNamed', { name: a.name })}>{t('adminPages.edit')}</Button>,
        ])}
      />
      <EditDialog title={t('adminPages.editAgent')} opened={editing !== null} onClose={() => setEditing(null)}>
        {editing && <EditAgent key={editing.id} agent={editing} onDone={() => setEditing(null)} />}
      </EditDialog>
    </Stack>
  );
}
