import { useState } from 'react';
import { Alert, Button, Checkbox, Fieldset, Group, Paper, PasswordInput, SegmentedControl, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Group as DeskGroup, Mailbox, OutboundOverview, RelaySecurity } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { Bidi, ErrorAlert } from '../shared/components.tsx';
import { ActiveBadge, ADMIN_KEY, EditDialog, FormActions, ListTable, PageTitle, useAdminWrite, useList } from './admin-kit.tsx';
import { blankMailbox, draftOf, mailboxBody, type MailboxDraft } from './mailbox-form.ts';
import { nullIfBlank, portOrNull, secretField } from './forms.ts';
import { useAdminStrings } from './strings.ts';

const SECURITY: RelaySecurity[] = ['starttls', 'tls', 'none'];

type RelayDraft = MailboxDraft['relay'];

function RelayFields({ relay, setRelay, passwordSet }: { relay: RelayDraft; setRelay(r: RelayDraft): void; passwordSet: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Group grow align="start">
        <TextInput label={t('mail.host')} dir="ltr" value={relay.host} onChange={(e) => setRelay({ ...relay, host: e.currentTarget.value })} />
        <TextInput label={t('mail.port')} dir="ltr" inputMode="numeric" value={relay.port} onChange={(e) => setRelay({ ...relay, port: e.currentTarget.value })} />
        <Select label={t('mail.security')} data={SECURITY.map((s) => ({ value: s, label: t(`mail.securityKinds.${s}`, { name: s.toUpperCase() }) }))} value={relay.security} allowDeselect={false} onChange={(v) => setRelay({ ...relay, security: (v ?? 'starttls') as RelaySecurity })} />
      </Group>
      <Group grow align="start">
        <TextInput label={t('mail.user')} dir="ltr" value={relay.user} onChange={(e) => setRelay({ ...relay, user: e.currentTarget.value })} autoComplete="off" />
        <PasswordInput label={t('mail.password')} description={passwordSet ? t('mail.passwordKept') : t('mail.passwordNone')} value={relay.password} onChange={(e) => setRelay({ ...relay, password: e.currentTarget.value })} autoComplete="new-password" disabled={relay.clearPassword} />
      </Group>
      {passwordSet && <Checkbox label={t('mail.clearPassword')} checked={relay.clearPassword} onChange={(e) => setRelay({ ...relay, clearPassword: e.currentTarget.checked })} />}
    </>
  );
}

function MailboxForm({ mailbox, onDone }: { mailbox: Mailbox | null; onDone(): void }) {
  const { t } = useTranslation();
  const groups = useList<DeskGroup>('/groups?limit=200');
  const [draft, setDraft] = useState<MailboxDraft>(() => (mailbox ? draftOf(mailbox) : blankMailbox()));
  const save = useAdminWrite(
    () => (mailbox ? api.patch(`/admin/mailboxes/${mailbox.id}`, { ...mailboxBody(draft), version: mailbox.version }) : api.post('/admin/mailboxes', mailboxBody(draft))),
    () => { if (!mailbox) setDraft(blankMailbox()); onDone(); },
  );
  const imap = draft.imap;
  const setImap = (next: Partial<MailboxDraft['imap']>) => setDraft({ ...draft, imap: { ...imap, ...next } });
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(undefined); }}>
      <Stack>
        <Group grow align="start">
          <TextInput label={t('admin.email')} type="email" dir="ltr" value={draft.address} onChange={(e) => setDraft({ ...draft, address: e.currentTarget.value })} required />
          <TextInput label={t('admin.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
          <Select label={t('mail.group')} data={(groups.data?.items ?? []).map((g) => ({ value: String(g.id), label: g.name }))} value={draft.groupId} onChange={(groupId) => setDraft({ ...draft, groupId })} required={!mailbox} />
        </Group>
        <SegmentedControl aria-label={t('mail.kind')} value={draft.kind} onChange={(v) => setDraft({ ...draft, kind: v === 'imap' ? 'imap' : 'smtp' })} data={[{ value: 'smtp', label: t('mail.kinds.smtp') }, { value: 'imap', label: t('mail.kinds.imap', { name: 'IMAP' }) }]} />
        {draft.kind === 'imap' && (
          <Fieldset legend={t('mail.imap', { name: 'IMAP' })}>
            <Stack>
              <Group grow align="start">
                <TextInput label={t('mail.host')} dir="ltr" value={imap.host} onChange={(e) => setImap({ host: e.currentTarget.value })} />
                <TextInput label={t('mail.port')} dir="ltr" inputMode="numeric" value={imap.port} onChange={(e) => setImap({ port: e.currentTarget.value })} />
                <Switch label={t('mail.tls', { name: 'TLS' })} checked={imap.tls} onChange={(e) => setImap({ tls: e.currentTarget.checked })} mt="lg" />
              </Group>
              <Group grow align="start">
                <TextInput label={t('mail.user')} dir="ltr" value={imap.user} onChange={(e) => setImap({ user: e.currentTarget.value })} autoComplete="off" />
                <PasswordInput label={t('mail.password')} description={mailbox?.imap.passwordSet ? t('mail.passwordKept') : t('mail.passwordNone')} value={imap.password} onChange={(e) => setImap({ password: e.currentTarget.value })} autoComplete="new-password" disabled={imap.clearPassword} />
              </Group>
              {mailbox?.imap.passwordSet && <Checkbox label={t('mail.clearPassword')} checked={imap.clearPassword} onChange={(e) => setImap({ clearPassword: e.currentTarget.checked })} />}
              <Group grow align="start">
                <TextInput label={t('mail.folder')} dir="ltr" value={imap.folder} onChange={(e) => setImap({ folder: e.currentTarget.value })} />
                <TextInput label={t('mail.processedFolder')} description={t('mail.processedFolderNote')} dir="ltr" value={imap.processedFolder} onChange={(e) => setImap({ processedFolder: e.currentTarget.value })} />
                <TextInput label={t('mail.rejectedFolder')} dir="ltr" value={imap.rejectedFolder} onChange={(e) => setImap({ rejectedFolder: e.currentTarget.value })} />
              </Group>
            </Stack>
          </Fieldset>
        )}
        <Fieldset legend={t('mail.ownRelay')}>
          <Stack>
            <Text size="xs" c="dimmed">{t('mail.ownRelayNote')}</Text>
            <RelayFields relay={draft.relay} setRelay={(relay) => setDraft({ ...draft, relay })} passwordSet={mailbox?.relay.passwordSet ?? false} />
          </Stack>
        </Fieldset>
        <Switch label={t('adminPages.activeSwitch')} checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })} />
        <FormActions pending={save.isPending} error={save.error} onCancel={mailbox ? onDone : undefined} label={mailbox ? undefined : t('admin.create')} />
      </Stack>
    </form>
  );
}

/** The default relay: used by every mailbox without its own. */
function DefaultRelay({ overview }: { overview: OutboundOverview }) {
  const { t } = useTranslation();
  const current = overview.defaultRelay;
  const [relay, setRelay] = useState<RelayDraft>({ host: current?.host ?? '', port: current ? String(current.port) : '587', security: current?.security ?? 'starttls', user: current?.user ?? '', password: '', clearPassword: false });
  const body = () => {
    const host = nullIfBlank(relay.host);
    const port = portOrNull(relay.port);
    if (!host) return { relay: null };
    const password = secretField(relay.password, relay.clearPassword);
    return { relay: { host, port: port ?? 0, security: relay.security, user: nullIfBlank(relay.user), ...(password !== undefined ? { password } : {}) } };
  };
  const save = useAdminWrite(() => api.put('/admin/email/default-relay', body()), () => setRelay({ ...relay, password: '', clearPassword: false }));
  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(undefined); }}>
        <Stack>
          <Title order={3} size="h4">{t('mail.defaultRelay')}</Title>
          <Text size="xs" c="dimmed">{t('mail.defaultRelayNote')}</Text>
          <RelayFields relay={relay} setRelay={setRelay} passwordSet={current?.passwordSet ?? false} />
          <FormActions pending={save.isPending} error={save.error} />
        </Stack>
      </form>
    </Paper>
  );
}

export default function MailboxesPage() {
  useAdminStrings();
  const { t } = useTranslation();
  const list = useList<Mailbox>('/admin/mailboxes?limit=200');
  const groups = useList<DeskGroup>('/groups?limit=200');
  const overview = useQuery({ queryKey: [...ADMIN_KEY, 'outbound'], queryFn: () => api.get<OutboundOverview>('/admin/email/outbound') });
  const [editing, setEditing] = useState<Mailbox | null>(null);
  const relayOf = (id: number) => overview.data?.mailboxes.find((m) => m.id === id)?.relay ?? 'none';
  const groupName = (id: number) => groups.data?.items.find((g) => g.id === id)?.name ?? '';
  return (
    <Stack>
      <PageTitle>{t('adminPages.mailboxes')}</PageTitle>
      <ErrorAlert error={list.error ?? overview.error} />
      {overview.data?.problem && <Alert color="orange" role="status" title={t('mail.problemTitle')}>{overview.data.problem}</Alert>}
      {(overview.data?.waiting ?? []).length > 0 && (
        <Text size="sm">{overview.data!.waiting.map((w) => t('mail.waiting', { count: w.count, status: t(`mail.status.${w.status}`), reason: w.reason ?? '' })).join(t('adminPages.listSeparator'))}</Text>
      )}
      <ListTable
        label={t('adminPages.mailboxes')}
        minWidth={640}
        headers={[t('admin.email'), t('mail.group'), t('mail.kind'), t('mail.relayUsed'), t('adminPages.state'), t('adminPages.actions')]}
        rows={(list.data?.items ?? []).map((m) => [
          <bdi key="a" dir="ltr">{m.address}</bdi>,
          <Bidi key="g">{groupName(m.groupId)}</Bidi>,
          t(`mail.kinds.${m.kind}`, { name: 'IMAP' }),
          t(`mail.relayKinds.${relayOf(m.id)}`),
          <ActiveBadge key="s" active={m.active} />,
          <Button key="x" size="xs" variant="light" onClick={() => setEditing(m)} aria-label={t('adminPages.editNamed', { name: m.address })}>{t('adminPages.edit')}</Button>,
        ])}
      />
      <Paper withBorder p="md">
        <Stack>
          <Title order={3} size="h4">{t('mail.newMailbox')}</Title>
          <MailboxForm mailbox={null} onDone={() => undefined} />
        </Stack>
      </Paper>
      {overview.data && <DefaultRelay key={JSON.stringify(overview.data.defaultRelay)} overview={overview.data} />}
      <EditDialog title={t('mail.editMailbox')} opened={editing !== null} onClose={() => setEditing(null)}>
        {editing && <MailboxForm key={editing.id} mailbox={editing} onDone={() => setEditing(null)} />}
      </EditDialog>
    </Stack>
  );
}
