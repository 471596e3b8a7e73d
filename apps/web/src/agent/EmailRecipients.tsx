import { useState, type ReactNode } from 'react';
import { Group, TagsInput, Text } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Contact, Watcher } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { defaultRecipients, MAX_RECIPIENTS, splitAddresses, type Recipients } from './recipients.ts';

/**
 * The To and Cc of a reply by mail: the requester and the ticket's Cc'd contacts (its contact
 * watchers) until the agent edits them; chips, each checked by the server's address rule.
 */
export function useEmailRecipients(ticketId: number, requesterContactId: number | null): Recipients & { fields: ReactNode; reset(): void } {
  const requester = useQuery({
    queryKey: ['contacts', requesterContactId],
    queryFn: () => api.get<Contact>(`/contacts/${requesterContactId}`),
    enabled: requesterContactId !== null,
  });
  const watchers = useQuery({ queryKey: ['tickets', ticketId, 'watchers'], queryFn: () => api.get<{ items: Watcher[] }>(`/tickets/${ticketId}/watchers`) });
  const ccIds = (watchers.data?.items ?? []).flatMap((w) => (w.kind === 'contact' && w.contactId !== null && w.contactId !== requesterContactId ? [w.contactId] : []));
  const ccContacts = useQueries({ queries: ccIds.map((id: number) => ({ queryKey: ['contacts', id], queryFn: () => api.get<Contact>(`/contacts/${id}`) })) });
  const defaults = defaultRecipients(requester.data?.active === false ? null : requester.data?.emails ?? null, ccContacts.map((q) => (q.data?.active ? q.data.emails : [])));
  const [edited, setEdited] = useState<Recipients | null>(null);
  const value = edited ?? defaults;
  const set = (next: Partial<Recipients>) => setEdited({ ...value, ...next });
  return {
    ...value,
    reset: () => setEdited(null),
    fields: (
      <Group grow align="start">
        <AddressChips field={TO} value={value.to} onChange={(to) => set({ to })} />
        <AddressChips field={CC} value={value.cc} onChange={(cc) => set({ cc })} />
      </Group>
    ),
  };
}

const TO = 'to';
const CC = 'cc';

function AddressChips({ field: label, value, onChange }: { field: 'to' | 'cc'; value: string[]; onChange(next: string[]): void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [invalid, setInvalid] = useState<string[]>([]);
  const take = (next: string[]) => {
    const kept = next.filter((v) => value.includes(v));
    const { add, invalid: bad } = splitAddresses(next.filter((v) => !value.includes(v)).join(','), kept);
    onChange([...kept, ...add].slice(0, MAX_RECIPIENTS));
    setInvalid(bad);
    // What is not an address stays in the box to be fixed.
    setSearch(bad.join(', '));
  };
  return (
    <TagsInput
      label={t(`composer.${label}`)}
      description={label === 'to' && value.length === 0 ? t('composer.needTo') : undefined}
      dir="ltr"
      value={value}
      onChange={take}
      searchValue={search}
      onSearchChange={(s) => { setSearch(s); if (invalid.length) setInvalid([]); }}
      splitChars={[',', ';', ' ']}
      acceptValueOnBlur
      clearable
      maxTags={MAX_RECIPIENTS}
      error={invalid.length ? <Text span size="xs">{t('composer.invalidAddress', { value: invalid.join(', ') })}</Text> : undefined}
      onPaste={(e) => {
        const text = e.clipboardData.getData('text');
        if (!/[,;\n]/.test(text)) return;
        e.preventDefault();
        take([...value, ...text.split(/[,;\n]+/)]);
      }}
    />
  );
}
