import { useState } from 'react';
import { Button, Checkbox, Group, Paper, Select, Stack, Text, TextInput, Textarea, Title, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Contact, Ticket } from '@pishkhan/contracts';
import { api, query } from '../shared/api.ts';
import { Bidi, ErrorAlert } from '../shared/components.tsx';
import { LEVELS, TYPES } from '../shared/ticket-words.ts';

type Page<T> = { items: T[]; nextCursor: string | null };

/** What the finder typed, read as a phone (digits in any script), an email, or a name. */
export function contactLookup(text: string): { phone?: string; email?: string; name?: string } {
  const value = text.trim();
  if (!value) return {};
  if (value.includes('@')) return { email: value };
  if (/^[+\s\-()0-9۰-۹٠-٩]+$/.test(value) && /[0-9۰-۹٠-٩]{3}/.test(value)) return { phone: value };
  return { name: value };
}

/**
 * A ticket on behalf of a customer — how a phone call is logged: find the contact by name, email
 * or phone (any digits), or create one inline; channel phone; "solved on the spot" saves it resolved.
 */
export default function NewTicket() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [finder, setFinder] = useState('');
  const [contact, setContact] = useState<Contact | null>(null);
  const [newName, setNewName] = useState('');
  const [newPhone, setNewPhone] = useState('');
  const [channel, setChannel] = useState('phone');
  const [type, setType] = useState<string>('incident');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [impact, setImpact] = useState('2');
  const [urgency, setUrgency] = useState('2');
  const [solved, setSolved] = useState(false);
  const lookup = contactLookup(finder);
  const found = useQuery({
    queryKey: ['contacts', 'find', lookup],
    enabled: !!(lookup.phone || lookup.email || lookup.name),
    queryFn: async () => {
      const page = await api.get<Page<Contact>>(`/contacts${query({ limit: 200, phone: lookup.phone, email: lookup.email })}`);
      const name = lookup.name?.toLocaleLowerCase();
      return name ? page.items.filter((c) => c.name.toLocaleLowerCase().includes(name)) : page.items;
    },
  });
  const createContact = useMutation({
    mutationFn: () => api.post<Contact>('/contacts', { name: newName.trim(), ...(newPhone.trim() ? { phones: [newPhone.trim()] } : {}) }),
    onSuccess: (c) => { setContact(c); setNewName(''); setNewPhone(''); },
  });
  const create = useMutation({
    mutationFn: () => api.post<Ticket>('/tickets', {
      title: title.trim(),
      description,
      type,
      channel,
      impact: Number(impact),
      urgency: Number(urgency),
      ...(contact ? { requesterContactId: contact.id } : {}),
      ...(solved ? { status: 'resolved' } : {}),
    }),
    onSuccess: (ticket) => navigate(`/tickets/${ticket.id}`),
  });
  return (
    <Stack maw={760}>
      <Title order={2} size="h3">{t('newTicket.title')}</Title>
      <Paper withBorder p="sm" component="section" aria-label={t('newTicket.customer')}>
        <Stack gap="xs">
          {contact ? (
            <Group>
              <Text>{t('newTicket.requester')}: <Bidi>{contact.name}</Bidi></Text>
              <Button size="xs" variant="subtle" onClick={() => setContact(null)}>{t('newTicket.change')}</Button>
            </Group>
          ) : (
            <>
              <TextInput label={t('newTicket.find')} description={t('newTicket.findHint')} value={finder} onChange={(e) => setFinder(e.currentTarget.value)} />
              {(found.data ?? []).slice(0, 8).map((c) => (
                <UnstyledButton key={c.id} onClick={() => setContact(c)} data-testid="contact-result">
                  <Text size="sm"><Bidi>{c.name}</Bidi> · <bdi dir="ltr">{c.emails[0] ?? c.phones[0]?.phone ?? ''}</bdi></Text>
                </UnstyledButton>
              ))}
              {found.data && found.data.length === 0 && <Text size="sm" c="dimmed">{t('newTicket.noContact')}</Text>}
              <Group align="end">
                <TextInput label={t('newTicket.newContactName')} value={newName} onChange={(e) => setNewName(e.currentTarget.value)} />
                <TextInput label={t('newTicket.newContactPhone')} dir="ltr" value={newPhone} onChange={(e) => setNewPhone(e.currentTarget.value)} />
                <Button variant="light" disabled={!newName.trim()} loading={createContact.isPending} onClick={() => createContact.mutate()}>{t('newTicket.createContact')}</Button>
              </Group>
              <ErrorAlert error={createContact.error} />
            </>
          )}
        </Stack>
      </Paper>
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
        <Stack>
          <ErrorAlert error={create.error} />
          <Group grow>
            <Select label={t('newTicket.channel')} value={channel} onChange={(v) => setChannel(v ?? 'phone')} allowDeselect={false} data={['phone', 'agent', 'email', 'sms'].map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
            <Select label={t('ticket.type')} value={type} onChange={(v) => setType(v ?? 'incident')} allowDeselect={false} data={TYPES.map((x) => ({ value: x, label: t(`type.${x}`) }))} />
            <Select label={t('ticket.impact')} value={impact} onChange={(v) => setImpact(v ?? '2')} allowDeselect={false} data={LEVELS.map((l) => ({ value: String(l), label: t(`level.${l}`) }))} />
            <Select label={t('ticket.urgency')} value={urgency} onChange={(v) => setUrgency(v ?? '2')} allowDeselect={false} data={LEVELS.map((l) => ({ value: String(l), label: t(`level.${l}`) }))} />
          </Group>
          <TextInput label={t('newTicket.subject')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
          <Textarea label={t('newTicket.description')} autosize minRows={4} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <Checkbox label={t('newTicket.solvedOnTheSpot')} checked={solved} onChange={(e) => setSolved(e.currentTarget.checked)} />
          <Group justify="end"><Button type="submit" loading={create.isPending} disabled={!title.trim()}>{t('newTicket.submit')}</Button></Group>
        </Stack>
      </form>
    </Stack>
  );
}
