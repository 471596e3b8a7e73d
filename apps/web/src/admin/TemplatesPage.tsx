import { useEffect, useState } from 'react';
import { Badge, Button, Grid, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { NotificationTemplate, NotificationTemplates, RenderedMail } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { ErrorAlert } from '../shared/components.tsx';
import { ADMIN_KEY, FormActions, PageTitle, useAdminWrite } from './admin-kit.tsx';
import { useAdminStrings } from './strings.ts';

/** The draft waits this long after the last keystroke before it is previewed. */
const PREVIEW_DELAY_MS = 400;

export const kindLabelKey = (kind: string) => `mail.kindNames.${kind.replace(/^ticket\./, '')}`;

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Live preview: the server renders the draft with sample data (values escaped; text shown as text). */
function Preview({ template, subject, body }: { template: NotificationTemplate; subject: string; body: string }) {
  const { t } = useTranslation();
  const draft = useDebounced({ subject, body }, PREVIEW_DELAY_MS);
  const preview = useQuery({
    queryKey: [...ADMIN_KEY, 'template-preview', template.kind, template.language, draft.subject, draft.body],
    queryFn: () => api.post<RenderedMail>('/admin/notification-templates/preview', { kind: template.kind, language: template.language, ...(draft.subject ? { subject: draft.subject } : {}), ...(draft.body ? { body: draft.body } : {}) }),
    placeholderData: (previous) => previous,
  });
  return (
    <Paper withBorder p="md" aria-live="polite" data-testid="template-preview">
      <Stack gap="xs">
        <Title order={3} size="h5">{t('mail.preview')}</Title>
        <ErrorAlert error={preview.error} />
        {preview.data && (
          <div dir={template.language === 'fa' ? 'rtl' : 'ltr'} lang={template.language}>
            <Text fw={700} size="sm">{preview.data.subject}</Text>
            <Text size="sm" className="body-text">{preview.data.text}</Text>
          </div>
        )}
      </Stack>
    </Paper>
  );
}

function TemplateEditor({ template }: { template: NotificationTemplate }) {
  const { t } = useTranslation();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const [saved, setSaved] = useState(false);
  const save = useAdminWrite(() => api.put(`/admin/notification-templates/${template.kind}/${template.language}`, { subject, body, version: template.version }), () => setSaved(true));
  const dir = template.language === 'fa' ? 'rtl' : 'ltr';
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <form onSubmit={(e) => { e.preventDefault(); setSaved(false); save.mutate(undefined); }}>
          <Stack>
            <Text size="xs" c="dimmed">{template.custom ? t('mail.customTemplate') : t('mail.defaultTemplate')}</Text>
            <TextInput label={t('mail.subject')} dir={dir} value={subject} onChange={(e) => { setSubject(e.currentTarget.value); setSaved(false); }} required />
            <Textarea label={t('mail.body')} dir={dir} value={body} onChange={(e) => { setBody(e.currentTarget.value); setSaved(false); }} autosize minRows={8} required />
            <Group gap={4} aria-label={t('mail.placeholders')} role="group">
              <Text size="xs">{t('mail.placeholders')}</Text>
              {template.placeholders.map((p) => (
                <Button key={p} size="compact-xs" variant="light" onClick={() => setBody(`${body}{{${p}}}`)} aria-label={t('mail.insertPlaceholder', { name: p })}>
                  <bdi dir="ltr">{`{{${p}}}`}</bdi>
                </Button>
              ))}
            </Group>
            {saved && <Badge color="teal" variant="light" role="status">{t('mail.templateSaved')}</Badge>}
            <FormActions pending={save.isPending} error={save.error} />
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Preview template={template} subject={subject} body={body} />
      </Grid.Col>
    </Grid>
  );
}

/** Notification mail templates per kind and language, edited with a live preview. */
export default function TemplatesPage() {
  useAdminStrings();
  const { t } = useTranslation();
  const list = useQuery({ queryKey: [...ADMIN_KEY, 'templates'], queryFn: () => api.get<NotificationTemplates>('/admin/notification-templates') });
  const items = list.data?.items ?? [];
  const kinds = [...new Set(items.map((i) => i.kind))];
  const [kind, setKind] = useState<string | null>(null);
  const [language, setLanguage] = useState<'fa' | 'en'>('fa');
  const selectedKind = kind ?? kinds[0] ?? null;
  const template = items.find((i) => i.kind === selectedKind && i.language === language);
  return (
    <Stack>
      <PageTitle>{t('adminPages.templates')}</PageTitle>
      <ErrorAlert error={list.error} />
      <Group align="end">
        <Select label={t('mail.templateKind')} data={kinds.map((k) => ({ value: k, label: t(kindLabelKey(k), { defaultValue: k }) }))} value={selectedKind} allowDeselect={false} onChange={setKind} />
        <Select label={t('mail.templateLanguage')} data={[{ value: 'fa', label: t('common.languageFa') }, { value: 'en', label: t('common.languageEn') }]} value={language} allowDeselect={false} onChange={(v) => setLanguage(v === 'en' ? 'en' : 'fa')} />
      </Group>
      {template && <TemplateEditor key={`${template.kind}/${template.language}`} template={template} />}
    </Stack>
  );
}
