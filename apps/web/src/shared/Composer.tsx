import { useRef, useState } from 'react';
import { Button, CloseButton, FileButton, Group, Paper, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ArticleCreated, Attachment, AttachmentsUploaded } from '@pishkhan/contracts';
import { api } from './api.ts';
import { Bidi, ErrorAlert } from './components.tsx';

export type ComposerMode = 'reply' | 'note';

/**
 * Reply (public) or internal note, with attachments by picker, drag and drop or paste. Uploads
 * are drafts — listed under the text, sent with the article — and the text is kept when a send
 * fails.
 */
export function Composer({ ticketId, modes, mode: controlledMode, onModeChange, onSent, textareaId }: {
  ticketId: number;
  modes: ComposerMode[];
  mode?: ComposerMode;
  onModeChange?: (mode: ComposerMode) => void;
  /** Called with what the server created: the ticket's new version and status come with it. */
  onSent(created: ArticleCreated): void;
  textareaId?: string;
}) {
  const { t } = useTranslation();
  const [ownMode, setOwnMode] = useState<ComposerMode>(modes[0] ?? 'reply');
  const mode = controlledMode ?? ownMode;
  const [body, setBody] = useState('');
  const [drafts, setDrafts] = useState<Attachment[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const resetRef = useRef<() => void>(null);

  async function upload(files: File[]) {
    if (!files.length) return;
    const form = new FormData();
    if (mode === 'note') form.append('internal', 'true');
    for (const file of files) form.append('file', file, file.name);
    setError(null);
    try {
      const uploaded = await api.upload<AttachmentsUploaded>(`/tickets/${ticketId}/attachments`, form);
      setDrafts((d) => [...d, ...uploaded.items]);
    } catch (e) {
      setError(e);
    }
    resetRef.current?.();
  }

  async function send() {
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<ArticleCreated>(`/tickets/${ticketId}/${mode === 'note' ? 'notes' : 'replies'}`, { body, ...(drafts.length ? { attachmentIds: drafts.map((d) => d.id) } : {}) });
      setBody('');
      setDrafts([]);
      onSent(created);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper
      withBorder
      p="sm"
      className={mode === 'note' ? 'timeline-note drop-zone' : 'drop-zone'}
      data-active={dragging}
      onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => { e.preventDefault(); setDragging(false); void upload([...e.dataTransfer.files]); }}
    >
      <form onSubmit={(e) => { e.preventDefault(); if (body.trim()) void send(); }}>
        <Stack gap="xs">
          {modes.length > 1 && (
            <SegmentedControl
              aria-label={t('composer.mode')}
              value={mode}
              onChange={(v) => { const next = v === 'note' ? 'note' : 'reply'; setOwnMode(next); onModeChange?.(next); }}
              data={modes.map((m) => ({ value: m, label: t(`composer.${m}`) }))}
            />
          )}
          <ErrorAlert error={error} />
          <Textarea
            id={textareaId}
            label={mode === 'note' ? t('composer.noteLabel') : t('composer.replyLabel')}
            autosize
            minRows={3}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            onPaste={(e) => { const files = [...e.clipboardData.files]; if (files.length) { e.preventDefault(); void upload(files); } }}
          />
          {drafts.length > 0 && (
            <Stack gap={2} aria-label={t('composer.drafts')}>
              {drafts.map((d) => (
                <Group key={d.id} gap="xs">
                  <Text size="sm">{t('composer.draft')}: <Bidi>{d.filename}</Bidi></Text>
                  <CloseButton size="sm" aria-label={t('composer.removeDraft', { name: d.filename })} onClick={() => setDrafts((all) => all.filter((x) => x.id !== d.id))} />
                </Group>
              ))}
            </Stack>
          )}
          <Group justify="space-between">
            <FileButton resetRef={resetRef} multiple onChange={(files) => void upload(files)}>
              {(props) => (
                <Button {...props} variant="subtle" size="xs" leftSection={<IconPaperclip size={14} aria-hidden />}>
                  {t('composer.attach')}
                </Button>
              )}
            </FileButton>
            <Button type="submit" loading={busy} disabled={!body.trim()} color={mode === 'note' ? 'yellow' : undefined}>
              {mode === 'note' ? t('composer.sendNote') : t('composer.sendReply')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
