import { useState } from 'react';
import { Alert, Button, CloseButton, Fieldset, Group, MultiSelect, Paper, PasswordInput, Select, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Group as DeskGroup } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { Bidi, ErrorAlert, When } from '../shared/components.tsx';
import { ActiveBadge, ADMIN_KEY, EditDialog, FormActions, ListTable, PageTitle, ShownOnce, useAdminWrite } from './admin-kit.tsx';
import {
  blankDirectory, blankOidc, directoryBody, directoryDraft, oidcBody, oidcDraft,
  type Directory, type DirectoryDraft, type MappingDraft, type OidcDraft, type OidcProvider, type UnmappedAs,
} from './sso-form.ts';
import { useAdminStrings } from './strings.ts';

const ROLES = ['analyst', 'supervisor', 'manager', 'crm', 'admin'] as const;
const BASE = '/admin/sso';
const ATTRIBUTES = ['login', 'email', 'name', 'id'] as const;

function useItems<T>(path: string) {
  return useQuery({ queryKey: [...ADMIN_KEY, path], queryFn: () => api.get<{ items: T[] }>(path) });
}

/** Group (directory) or claim value (OIDC) → roles and desk groups, one row each. */
function Mappings({ rows, onChange, matchLabel }: { rows: MappingDraft[]; onChange(rows: MappingDraft[]): void; matchLabel: string }) {
  const { t } = useTranslation();
  const groups = useQuery({ queryKey: [...ADMIN_KEY, '/groups?limit=200'], queryFn: () => api.get<{ items: DeskGroup[] }>('/groups?limit=200') });
  const set = (i: number, next: Partial<MappingDraft>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...next } : r)));
  return (
    <Fieldset legend={t('sso.mappings')}>
      <Stack gap="xs">
        <Text size="xs" c="dimmed">{t('sso.mappingsNote')}</Text>
        {rows.map((row, i) => (
          <Group key={i} align="end" wrap="nowrap">
            <TextInput label={matchLabel} dir="ltr" value={row.match} onChange={(e) => set(i, { match: e.currentTarget.value })} style={{ flex: 2 }} />
            <MultiSelect label={t('admin.roles')} data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} value={row.roles} onChange={(roles) => set(i, { roles })} style={{ flex: 1 }} />
            <MultiSelect label={t('admin.groups')} data={(groups.data?.items ?? []).map((g) => ({ value: String(g.id), label: g.name }))} value={row.groupIds} onChange={(groupIds) => set(i, { groupIds })} searchable style={{ flex: 1 }} />
            <CloseButton aria-label={t('sso.removeMapping', { n: i + 1 })} onClick={() => onChange(rows.filter((_, j) => j !== i))} mb={6} />
          </Group>
        ))}
        <Group><Button size="xs" variant="light" onClick={() => onChange([...rows, { match: '', roles: ['analyst'], groupIds: [] }])}>{t('sso.addMapping')}</Button></Group>
      </Stack>
    </Fieldset>
  );
}

function UnmappedSelect({ value, onChange }: { value: UnmappedAs; onChange(v: UnmappedAs): void }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('sso.unmappedAs')}
      data={[{ value: 'contact', label: t('sso.unmapped.contact') }, { value: 'none', label: t('sso.unmapped.none') }]}
      value={value}
      allowDeselect={false}
      onChange={(v) => onChange(v === 'none' ? 'none' : 'contact')}
    />
  );
}

function DirectoryForm({ directory, onDone }: { directory: Directory | null; onDone(): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DirectoryDraft>(() => (directory ? directoryDraft(directory) : blankDirectory()));
  const set = (next: Partial<DirectoryDraft>) => setDraft({ ...draft, ...next });
  const setAttr = (key: keyof DirectoryDraft['attributes'], value: string) => set({ attributes: { ...draft.attributes, [key]: value } });
  const save = useAdminWrite(
    () => (directory ? api.patch(`${BASE}/directories/${directory.id}`, directoryBody(draft, directory.version)) : api.post(`${BASE}/directories`, directoryBody(draft))),
    () => { if (!directory) setDraft(blankDirectory()); onDone(); },
  );
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(undefined); }}>
      <Stack>
        <Group grow align="start">
          <TextInput label={t('admin.name')} value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} required />
          <TextInput label={t('sso.url')} description={t('sso.urlNote')} dir="ltr" value={draft.url} onChange={(e) => set({ url: e.currentTarget.value })} required />
        </Group>
        <Group grow align="start">
          <TextInput label={t('sso.bindDn')} dir="ltr" value={draft.bindDn} onChange={(e) => set({ bindDn: e.currentTarget.value })} required autoComplete="off" />
          <PasswordInput
            label={t('sso.bindPassword')}
            description={directory?.bindPasswordSet ? t('sso.secretKept') : undefined}
            value={draft.bindPassword}
            onChange={(e) => set({ bindPassword: e.currentTarget.value })}
            required={!directory}
            autoComplete="new-password"
          />
        </Group>
        <Switch label={t('sso.startTls')} checked={draft.startTls} onChange={(e) => set({ startTls: e.currentTarget.checked })} />
        <Textarea label={t('sso.caCertificate')} description={t('sso.caCertificateNote')} dir="ltr" autosize minRows={2} maxRows={8} value={draft.tlsCaCertificate} onChange={(e) => set({ tlsCaCertificate: e.currentTarget.value })} />
        <Group grow align="start">
          <TextInput label={t('sso.userBase')} dir="ltr" value={draft.userBase} onChange={(e) => set({ userBase: e.currentTarget.value })} required />
          <TextInput label={t('sso.userFilter')} description={t('sso.userFilterNote', { token: '{login}' })} dir="ltr" value={draft.userFilter} onChange={(e) => set({ userFilter: e.currentTarget.value })} required />
        </Group>
        <Group grow align="start">
          <TextInput label={t('sso.groupBase')} description={t('sso.groupBaseNote')} dir="ltr" value={draft.groupBase} onChange={(e) => set({ groupBase: e.currentTarget.value })} />
          <TextInput label={t('sso.groupFilter')} description={t('sso.groupFilterNote', { token: '{dn}' })} dir="ltr" value={draft.groupFilter} onChange={(e) => set({ groupFilter: e.currentTarget.value })} />
        </Group>
        <Fieldset legend={t('sso.attributes')}>
          <Group grow align="start">
            {ATTRIBUTES.map((key) => (
              <TextInput key={key} label={t(`sso.attribute.${key}`)} dir="ltr" value={draft.attributes[key]} onChange={(e) => setAttr(key, e.currentTarget.value)} />
            ))}
          </Group>
        </Fieldset>
        <Mappings rows={draft.mappings} onChange={(mappings) => set({ mappings })} matchLabel={t('sso.groupDn')} />
        <Group grow align="start">
          <UnmappedSelect value={draft.unmappedAs} onChange={(unmappedAs) => set({ unmappedAs })} />
          <TextInput label={t('sso.syncEvery')} description={t('sso.syncEveryNote')} dir="ltr" inputMode="numeric" value={draft.syncEveryMinutes} onChange={(e) => set({ syncEveryMinutes: e.currentTarget.value })} />
        </Group>
        <Switch label={t('adminPages.activeSwitch')} checked={draft.active} onChange={(e) => set({ active: e.currentTarget.checked })} />
        <FormActions pending={save.isPending} error={save.error} onCancel={directory ? onDone : undefined} label={directory ? undefined : t('admin.create')} />
      </Stack>
    </form>
  );
}

function OidcForm({ provider, onDone }: { provider: OidcProvider | null; onDone(): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<OidcDraft>(() => (provider ? oidcDraft(provider) : blankOidc()));
  const set = (next: Partial<OidcDraft>) => setDraft({ ...draft, ...next });
  const save = useAdminWrite(
    () => (provider ? api.patch(`${BASE}/oidc-providers/${provider.id}`, oidcBody(draft, provider.version)) : api.post(`${BASE}/oidc-providers`, oidcBody(draft))),
    () => { if (!provider) setDraft(blankOidc()); onDone(); },
  );
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(undefined); }}>
      <Stack>
        {provider && <ShownOnce title={t('sso.redirectUri')} value={provider.redirectUri} note={t('sso.redirectUriNote')} />}
        <Group grow align="start">
          <TextInput label={t('admin.name')} value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} required />
          <TextInput label={t('sso.issuerUrl')} dir="ltr" value={draft.issuerUrl} onChange={(e) => set({ issuerUrl: e.currentTarget.value })} required />
        </Group>
        <Group grow align="start">
          <TextInput label={t('sso.clientId')} dir="ltr" value={draft.clientId} onChange={(e) => set({ clientId: e.currentTarget.value })} required autoComplete="off" />
          <PasswordInput
            label={t('sso.clientSecret')}
            description={provider?.clientSecretSet ? t('sso.secretKept') : undefined}
            value={draft.clientSecret}
            onChange={(e) => set({ clientSecret: e.currentTarget.value })}
            required={!provider}
            autoComplete="new-password"
          />
        </Group>
        <Group grow align="start">
          <TextInput label={t('sso.scopes')} description={t('sso.scopesNote', { scope: 'openid' })} dir="ltr" value={draft.scopes} onChange={(e) => set({ scopes: e.currentTarget.value })} />
          <TextInput label={t('sso.rolesClaim')} dir="ltr" value={draft.rolesClaim} onChange={(e) => set({ rolesClaim: e.currentTarget.value })} />
        </Group>
        <Mappings rows={draft.mappings} onChange={(mappings) => set({ mappings })} matchLabel={t('sso.claimValue')} />
        <UnmappedSelect value={draft.unmappedAs} onChange={(unmappedAs) => set({ unmappedAs })} />
        <Switch label={t('adminPages.activeSwitch')} checked={draft.active} onChange={(e) => set({ active: e.currentTarget.checked })} />
        <FormActions pending={save.isPending} error={save.error} onCancel={provider ? onDone : undefined} label={provider ? undefined : t('admin.create')} />
      </Stack>
    </form>
  );
}

function SyncButton({ directory }: { directory: Directory }) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState(false);
  const sync = useAdminWrite(() => api.post(`${BASE}/directories/${directory.id}/sync`), () => setAsked(true));
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="xs" variant="default" loading={sync.isPending} onClick={() => sync.mutate(undefined)} aria-label={t('sso.syncNamed', { name: directory.name })}>{t('sso.syncNow')}</Button>
      {asked && <Text size="xs" role="status">{t('sso.syncAsked')}</Text>}
      {sync.error != null && <ErrorAlert error={sync.error} />}
    </Group>
  );
}

/** "Agents must use single sign-on": admins keep their password as a way in. */
function RequireSso() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: [...ADMIN_KEY, 'sso-settings'], queryFn: () => api.get<{ agentsRequireSso: boolean }>(`${BASE}/settings`) });
  const save = useAdminWrite((agentsRequireSso: boolean) => api.put(`${BASE}/settings`, { agentsRequireSso }));
  return (
    <Stack gap="xs">
      <ErrorAlert error={settings.error ?? save.error} />
      {settings.data && (
        <Switch
          label={t('sso.requireSso')}
          description={t('sso.requireSsoNote')}
          checked={save.isPending ? save.variables : settings.data.agentsRequireSso}
          onChange={(e) => save.mutate(e.currentTarget.checked)}
        />
      )}
    </Stack>
  );
}

/** Admin → Single sign-on: directories (LDAP / Active Directory), OpenID Connect providers, group → role mappings. Secrets are write-only. */
export default function SsoPage() {
  useAdminStrings();
  const { t } = useTranslation();
  const directories = useItems<Directory>(`${BASE}/directories`);
  const providers = useItems<OidcProvider>(`${BASE}/oidc-providers`);
  const [editingDirectory, setEditingDirectory] = useState<Directory | null>(null);
  const [editingProvider, setEditingProvider] = useState<OidcProvider | null>(null);
  return (
    <Stack>
      <PageTitle>{t('sso.title')}</PageTitle>
      <Text size="sm" c="dimmed">{t('sso.intro')}</Text>
      <RequireSso />
      <ErrorAlert error={directories.error ?? providers.error} />

      <Title order={3} size="h4">{t('sso.directories')}</Title>
      {directories.isSuccess && directories.data.items.length === 0 && <Text size="sm">{t('sso.noDirectories')}</Text>}
      {(directories.data?.items.length ?? 0) > 0 && (
        <ListTable
          label={t('sso.directories')}
          minWidth={760}
          headers={[t('admin.name'), t('sso.url'), t('sso.lastSynced'), t('adminPages.state'), t('adminPages.actions')]}
          rows={directories.data!.items.map((d) => [
            <Bidi key="n">{d.name}</Bidi>,
            <bdi key="u" dir="ltr">{d.url}</bdi>,
            d.lastSyncedAt ? <When key="s" instant={d.lastSyncedAt} relative /> : t('sso.neverSynced'),
            <ActiveBadge key="a" active={d.active} />,
            <Group key="x" gap="xs" wrap="nowrap">
              <Button size="xs" variant="light" onClick={() => setEditingDirectory(d)} aria-label={t('adminPages.editNamed', { name: d.name })}>{t('adminPages.edit')}</Button>
              <SyncButton directory={d} />
            </Group>,
          ])}
        />
      )}
      <Paper withBorder p="md">
        <Stack>
          <Title order={4} size="h5">{t('sso.newDirectory')}</Title>
          <DirectoryForm directory={null} onDone={() => undefined} />
        </Stack>
      </Paper>

      <Title order={3} size="h4">{t('sso.providers')}</Title>
      {providers.isSuccess && providers.data.items.length === 0 && <Text size="sm">{t('sso.noProviders')}</Text>}
      {(providers.data?.items.length ?? 0) > 0 && (
        <ListTable
          label={t('sso.providers')}
          minWidth={640}
          headers={[t('admin.name'), t('sso.issuerUrl'), t('adminPages.state'), t('adminPages.actions')]}
          rows={providers.data!.items.map((p) => [
            <Bidi key="n">{p.name}</Bidi>,
            <bdi key="u" dir="ltr">{p.issuerUrl}</bdi>,
            <ActiveBadge key="a" active={p.active} />,
            <Button key="x" size="xs" variant="light" onClick={() => setEditingProvider(p)} aria-label={t('adminPages.editNamed', { name: p.name })}>{t('adminPages.edit')}</Button>,
          ])}
        />
      )}
      <Paper withBorder p="md">
        <Stack>
          <Title order={4} size="h5">{t('sso.newProvider')}</Title>
          <OidcForm provider={null} onDone={() => undefined} />
        </Stack>
      </Paper>
      <Alert color="gray" variant="light">{t('sso.secretsNote')}</Alert>

      <EditDialog title={t('sso.editDirectory')} opened={editingDirectory !== null} onClose={() => setEditingDirectory(null)}>
        {editingDirectory && <DirectoryForm key={editingDirectory.id} directory={editingDirectory} onDone={() => setEditingDirectory(null)} />}
      </EditDialog>
      <EditDialog title={t('sso.editProvider')} opened={editingProvider !== null} onClose={() => setEditingProvider(null)}>
        {editingProvider && <OidcForm key={editingProvider.id} provider={editingProvider} onDone={() => setEditingProvider(null)} />}
      </EditDialog>
    </Stack>
  );
}
