import { useState } from 'react';
import { Button, FileButton, Group, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Category, Ticket } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { Bidi, ErrorAlert } from '../shared/components.tsx';
import { TYPES } from '../shared/ticket-words.ts';

/**
 * Submit a request: type, category, title, description, attachments. Files are uploaded to the
 * new ticket right after it is created and sent with a first reply; nothing typed is lost on failure.
 */
export default function NewRequest() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [type, setType] = useState<string>('incident');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const categories = useQuery({ queryKey: ['categories'], queryFn: () => api.get<{ items: Category[] }>('/categories') });
  const submit = useMutation({
    mutationFn: async () => {
      const ticket = await api.post<Ticket>('/tickets', { title: title.trim(), description, type, ...(categoryId ? { categoryId: Number(categoryId) } : {}) });
      if (files.length) {
        const form = new FormData();
        for (const file of files) form.append('file', file, file.name);
        const uploaded = await api.upload<{ items: { id: number }[] }>(`/tickets/${ticket.id}/attachments`, form);
        await api.post(`/tickets/${ticket.id}/replies`, { body: t('portal.attachedFiles'), attachmentIds: uploaded.items.map((a) => a.id) });
      }
      return ticket;
    },
    onSuccess: (ticket) => navigate(`/requests/${ticket.id}`),
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); submit.mutate(); }}>
      <Stack>
        <Title order={2} size="h3">{t('portal.newRequest')}</Title>
        <ErrorAlert error={submit.error} />
        <Select label={t('ticket.type')} value={type} onChange={(v) => setType(v ?? 'incident')} allowDeselect={false} data={TYPES.map((x) => ({ value: x, label: t(`type.${x}`) }))} />
        <Select label={t('ticket.category')} clearable value={categoryId} onChange={setCategoryId} data={(categories.data?.items ?? []).filter((c) => c.active).map((c) => ({ value: String(c.id), label: (i18n.language === 'en' && c.nameEn) || c.name }))} />
        <TextInput label={t('newTicket.subject')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        <Textarea label={t('newTicket.description')} autosize minRows={4} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <Group>
          <FileButton multiple onChange={(picked) => setFiles((f) => [...f, ...picked])}>
            {(props) => <Button {...props} variant="light">{t('composer.attach')}</Button>}
          </FileButton>
        </Group>
        {files.map((f) => <Text key={f.name} size="sm">{t('composer.draft')}: <Bidi>{f.name}</Bidi></Text>)}
        <Button type="submit" loading={submit.isPending} disabled={!title.trim()}>{t('portal.submit')}</Button>
      </Stack>
    </form>
  );
}
