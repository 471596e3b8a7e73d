import { useState } from 'react';
import { Button, Group, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Contact, Organization } from '@pishkhan/contracts';
import { api, query } from '../shared/api.ts';
import { Bidi, ErrorAlert } from '../shared/components.tsx';
import { ActiveBadge, EditDialog, FormActions, InvitationButton, ListTable, LoadMore, PageTitle, useAdminWrite, useList, usePagedList } from './admin-kit.tsx';
import { nullIfBlank, patchBody, splitList } from './forms.ts';
import { useAdminStrings } from './strings.ts';

type Draft = { name: string; organizationId: string | null; language: string; emails: string; phones: string; notes: string };
const toBody = (d: Draft) => ({
  name: d.name.trim(),
  organizationId: d.organizationId ? Number(d.organizationId) : null,
  language: d.language === 'en' ? ('en' as const) : ('fa' as const),
  emails: splitList(d.emails),
  phones: splitList(d.phones),
  notes: nullIfBlank(d.notes),
});

function useOrganizations() {
  const orgs = useList<Organization>('/organizations?limit=200');
  return {
    options: (orgs.data?.items ?? []).filter((o) => o.active).map((o) => ({ value: String(o.id), label: o.name })),
    name: (id: number | null) => (id === null ? '' : orgs.data?.items.find((o) => o.id === id)?.name ?? ''),
  };
}

function ContactFields({ draft, setDraft }: { draft: Draft; setDraft(d: Draft): void }) {
  const { t } = useTranslation();
  const orgs = useOrganizations();
  return (
    <>
      <Group grow align="start">
        <TextInput label={t('admin.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} required />
        <Select label={t('adminPages.organization')} data={orgs.options} value={draft.organizationId} onChange={(organizationId) => setDraft({ ...draft, organizationId })} clearable searchable />
        <Select label={t('preferences.language')} data={[{ value: 'fa', label: t('common.languageFa') }, { value: 'en', label: t('common.languageEn') }]} value={draft.language} allowDeselect={false} onChange={(v) => setDraft({ ...draft, language: v ?? 'fa' })} />
      </Group>
      <Group grow align="start">
        <Textarea label={t('adminPages.emails')} description={t('adminPages.onePerLine')} dir="ltr" value={draft.emails} onChange={(e) => setDraft({ ...draft, emails: e.currentTarget.value })} autosize minRows={1} />
        <Textarea label={t('adminPages.phones')} description={t('adminPages.onePerLine')} dir="ltr" value={draft.phones} onChange={(e) => setDraft({ ...draft, phones: e.currentTarget.value })} autosize minRows={1} />
      </Group>
      <Textarea label={t('adminPages.notes')} value={draft.notes} onChange={(e) => setDraft({ ...draft, notes: e.currentTarget.value })} autosize minRows={2} />
    </>
  );
}

function CreateContact() {
  const { t } = useTranslation();
  const blank: Draft = { name: '', organizationId: null, language: 'fa', emails: '', phones: '', notes: '' };
  const [draft, setDraft] = useState(blank);
  const create = useAdminWrite(() => api.post('/contacts', toBody(draft)), () => setDraft(blank));
  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(undefined); }}>
        <Stack>
          <Title order={3} size="h4">{t('adminPages.newContact')}</Title>
          <ContactFields draft={draft} setDraft={setDraft} />
          <FormActions pending={create.isPending} error={create.error} label={t('admin.create')} />
        </Stack>
      </form>
    </Paper>
  );
}

function EditContact({ contact, onDone }: { contact: Contact; onDone(): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>({ name: contact.name, organizationId: contact.organizationId ? String(contact.organizationId) : null, language: contact.language, emails: contact.emails.join('\n'), phones: contact.phones.map((p) => p.phone).join('\n'), notes: contact.notes ?? '' });
  const save = useAdminWrite(async () => {
    const { phones, ...rest } = toBody(draft);
    const body = patchBody({ ...contact, phones: contact.phones.map((p) => p.phone) }, { ...rest, phones });
    return body ? api.patch(`/contacts/${contact.id}`, body) : null;
  }, onDone);
  const deactivate = useAdminWrite(() => api.post(`/contacts/${contact.id}/deactivate`, { version: contact.version }), onDone);
  return (
    <Stack>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(undefined); }}>
        <Stack>
          <ContactFields draft={draft} setDraft={setDraft} />
          <FormActions pending={save.isPending} error={save.error} onCancel={onDone} />
        </Stack>
      </form>
      {contact.emails.length > 0 && <InvitationButton path={`/contacts/${contact.id}/invitation`} label={t('adminPages.portalInvitation')} />}
      {contact.active && (
        <Stack gap="xs">
          <Group><Button color="red" variant="light" loading={deactivate.isPending} onClick={() => deactivate.mutate(undefined)}>{t('adminPages.deactivate')}</Button></Group>
          <ErrorAlert error={deactivate.error} />
        </Stack>
      )}
    </Stack>
  );
}

/** Contacts: the API finds by exact email or phone (any digits) and by organisation. */
export default function ContactsPage() {
  useAdminStrings();
  const { t } = useTranslation();
  const orgs = useOrganizations();
  const [search, setSearch] = useState({ email: '', phone: '', organizationId: null as string | null });
  const [applied, setApplied] = useState(search);
  const list = usePagedList<Contact>(`/contacts${query({ limit: 50, email: applied.email.trim(), phone: applied.phone.trim(), organizationId: applied.organizationId })}`);
  const [editing, setEditing] = useState<Contact | null>(null);
  return (
    <Stack>
      <PageTitle>{t('admin.contacts')}</PageTitle>
      <CreateContact />
      <form role="search" aria-label={t('adminPages.findContacts')} onSubmit={(e) => { e.preventDefault(); setApplied(search); }}>
        <Group align="end">
          <TextInput label={t('admin.email')} dir="ltr" value={search.email} onChange={(e) => setSearch({ ...search, email: e.currentTarget.value })} />
          <TextInput label={t('admin.phone')} dir="ltr" value={search.phone} onChange={(e) => setSearch({ ...search, phone: e.currentTarget.value })} />
          <Select label={t('adminPages.organization')} data={orgs.options} value={search.organizationId} onChange={(organizationId) => setSearch({ ...search, organizationId })} clearable searchable />
          <Button type="submit" variant="light">{t('adminPages.find')}</Button>
        </Group>
      </form>
      <ErrorAlert error={list.error} />
      <ListTable
        label={t('admin.contacts')}
        minWidth={720}
        headers={[t('admin.name'), t('admin.email'), t('admin.phone'), t('adminPages.organization'), t('adminPages.state'), t('adminPages.actions')]}
        rows={list.items.map((c) => [
          <Bidi key="n">{c.name}</Bidi>,
          <bdi key="e" dir="ltr">{c.emails[0] ?? ''}</bdi>,
          <bdi key="p" dir="ltr">{c.phones[0]?.phone ?? ''}</bdi>,
          <Bidi key="o">{orgs.name(c.organizationId)}</Bidi>,
          <ActiveBadge key="s" active={c.active} />,
          <Button key="x" size="xs" variant="light" onClick={() => setEditing(c)} aria-label={t('adminPages.editNamed', { name: c.name })}>{t('adminPages.edit')}</Button>,
        ])}
      />
      <LoadMore list={list} />
      <EditDialog title={t('adminPages.editContact')} opened={editing !== null} onClose={() => setEditing(null)}>
        {editing && <EditContact key={editing.id} contact={editing} onDone={() => setEditing(null)} />}
      </EditDialog>
    </Stack>
  );
}
