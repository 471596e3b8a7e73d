import { useState } from 'react';
import { Anchor, Button, Checkbox, Group, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Agent, Organization } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { Bidi, ErrorAlert } from '../shared/components.tsx';
import { ActiveBadge, EditDialog, FormActions, ListTable, LoadMore, PageTitle, useAdminWrite, useList, usePagedList } from './admin-kit.tsx';
import { nullIfBlank, patchBody } from './forms.ts';
import { useAdminStrings } from './strings.ts';

type Draft = { name: string; accountManagerId: string | null; membersSeeEachOther: boolean; notes: string };
const toBody = (d: Draft) => ({ name: d.name.trim(), accountManagerId: d.accountManagerId ? Number(d.accountManagerId) : null, membersSeeEachOther: d.membersSeeEachOther, notes: nullIfBlank(d.notes) });

function OrganizationFields({ draft, setDraft }: { draft: Draft; setDraft(d: Draft): void }) {
  const { t } = useTranslation();
  const agents = useList<Agent>('/agents?limit=200');
  const managers = (agents.data?.items ?? []).filter((a) => a.active && a.roles.includes('crm')).map((a) => ({ value: String(a.id), label: a.name }));
  return (
    <>
      <Group grow align="start">
        <TextInput label={t('admin.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} required />
        <Select label={t('adminPages.accountManager')} data={managers} value={draft.accountManagerId} onChange={(accountManagerId) => setDraft({ ...draft, accountManagerId })} clearable />
      </Group>
      <Checkbox label={t('admin.membersSeeEachOther')} checked={draft.membersSeeEachOther} onChange={(e) => setDraft({ ...draft, membersSeeEachOther: e.currentTarget.checked })} />
      <Textarea label={t('adminPages.notes')} value={draft.notes} onChange={(e) => setDraft({ ...draft, notes: e.currentTarget.value })} autosize minRows={2} />
    </>
  );
}

function CreateOrganization() {
  const { t } = useTranslation();
  const blank: Draft = { name: '', accountManagerId: null, membersSeeEachOther: false, notes: '' };
  const [draft, setDraft] = useState(blank);
  const create = useAdminWrite(() => api.post('/organizations', toBody(draft)), () => setDraft(blank));
  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(undefined); }}>
        <Stack>
          <Title order={3} size="h4">{t('admin.newOrganization')}</Title>
          <OrganizationFields draft={draft} setDraft={setDraft} />
          <FormActions pending={create.isPending} error={create.error} label={t('admin.create')} />
        </Stack>
      </form>
    </Paper>
  );
}

function EditOrganization({ organization, onDone }: { organization: Organization; onDone(): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>({ name: organization.name, accountManagerId: organization.accountManagerId ? String(organization.accountManagerId) : null, membersSeeEachOther: organization.membersSeeEachOther, notes: organization.notes ?? '' });
  const save = useAdminWrite(async () => {
    const body = patchBody(organization, toBody(draft));
    return body ? api.patch(`/organizations/${organization.id}`, body) : null;
  }, onDone);
  const deactivate = useAdminWrite(() => api.post(`/organizations/${organization.id}/deactivate`, { version: organization.version }), onDone);
  return (
    <Stack>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(undefined); }}>
        <Stack>
          <OrganizationFields draft={draft} setDraft={setDraft} />
          <FormActions pending={save.isPending} error={save.error} onCancel={onDone} />
        </Stack>
      </form>
      {organization.active && organization.abilities['deactivate'] !== false && (
        <Stack gap="xs">
          <Group><Button color="red" variant="light" loading={deactivate.isPending} onClick={() => deactivate.mutate(undefined)}>{t('adminPages.deactivate')}</Button></Group>
          <ErrorAlert error={deactivate.error} />
        </Stack>
      )}
    </Stack>
  );
}

export default function OrganizationsPage() {
  useAdminStrings();
  const { t } = useTranslation();
  const list = usePagedList<Organization>('/organizations?limit=50');
  const agents = useList<Agent>('/agents?limit=200');
  const [editing, setEditing] = useState<Organization | null>(null);
  const agentName = (id: number | null) => (id === null ? '' : agents.data?.items.find((a) => a.id === id)?.name ?? '');
  return (
    <Stack>
      <PageTitle>{t('adminPages.organizations')}</PageTitle>
      <CreateOrganization />
      <ErrorAlert error={list.error} />
      <ListTable
        label={t('adminPages.organizations')}
        minWidth={640}
        headers={[t('admin.name'), t('adminPages.accountManager'), t('admin.membersSeeEachOther'), t('adminPages.state'), t('adminPages.actions')]}
        rows={list.items.map((o) => [
          <Bidi key="n">{o.name}</Bidi>,
          <Bidi key="m">{agentName(o.accountManagerId)}</Bidi>,
          o.membersSeeEachOther ? t('common.yes') : t('common.no'),
          <ActiveBadge key="s" active={o.active} />,
          <Group key="x" gap="xs" wrap="nowrap">
            <Button size="xs" variant="light" onClick={() => setEditing(o)} aria-label={t('adminPages.editNamed', { name: o.name })}>{t('adminPages.edit')}</Button>
            <Anchor component={Link} size="sm" to={`/admin/contracts?organizationId=${o.id}`} aria-label={t('adminPages.contractsOf', { name: o.name })}>{t('adminPages.contracts')}</Anchor>
          </Group>,
        ])}
      />
      <LoadMore list={list} />
      <EditDialog title={t('adminPages.editOrganization')} opened={editing !== null} onClose={() => setEditing(null)}>
        {editing && <EditOrganization key={editing.id} organization={editing} onDone={() => setEditing(null)} />}
      </EditDialog>
    </Stack>
  );
}
