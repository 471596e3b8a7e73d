import { useRef, useState, type ReactNode } from 'react';
import { Button, CloseButton, FileButton, Group, Paper, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ArticleCreated, Attachment, AttachmentsUploaded, EmailReplyCreated } from '@pishkhan/contracts';
import { api } from './api.ts';
import { Bidi, ErrorAlert } from './components.tsx';

export type ComposerMode = 'reply' | 'email' | 'note';

/** What every send answers of the ticket after it: a reply, a note and a reply by mail alike. */
export type TicketAfterSend = Pick<ArticleCreated, 'ticketId' | 'ticketStatus' | 'ticketVersion'>;

/** A reply by mail's recipients and their fields (the agent's; the portal has none). */
export interface EmailRecipientsInput {
  to: string[];
  cc: string[];
  fields: ReactNode;
}

/**
 * Reply (public) or internal note, with attachments by picker, drag and drop or paste. Uploads
 * are drafts — listed under the text, sent with the article — and the text is kept when a send
 * fails. In `email` mode (agents) the reply goes by mail to the given To and Cc.
 */
export function Composer({ ticketId, modes, mode: controlledMode, onModeChange, onSent, textareaId, email }: {
  ticketId: number;
  email?: EmailRecipientsInput;
  modes: ComposerMode[];
  mode?: ComposerMode;
  onModeChange?: (mode: ComposerMode) => void;
  /** Called with the ticket's new status and version as the send answered them. */
  onSent(sent: TicketAfterSend): void;
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
      const attachments = drafts.length ? { attachmentIds: drafts.map((d) => d.id) } : {};
      const created: TicketAfterSend = mode === 'email' && email
        ? await api.post<EmailReplyCreated>(`/tickets/${ticketId}/email/replies`, { body, ...attachments, to: email.to, cc: email.cc })
        : await api.post<ArticleCreated>(`/tickets/${ticketId}/${mode === 'note' ? 'notes' : 'replies'}`, { body, ...attachments });
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
      <form onSubmit={(e) => { e.preventDefault(); if (body.trim() && !(mode === 'email' && !email?.to.length)) void send(); }}>
        <Stack gap="xs">
          {modes.length > 1 && (
            <SegmentedControl
              aria-label={t('composer.mode')}
              value={mode}
              onChange={(v) => { const next: ComposerMode = v === 'note' || v === 'email' ? v : 'reply'; setOwnMode(next); onModeChange?.(next); }}
              data={modes.map((m) => ({ value: m, label: t(`composer.${m}`) }))}
            />
          )}
          <ErrorAlert error={error} />
          {mode === 'email' && email?.fields}
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
            <Button type="submit" loading={busy} disabled={!body.trim() || (mode === 'email' && !email?.to.length)} color={mode === 'note' ? 'yellow' : undefined}>
              {mode === 'note' ? t('composer.sendNote') : mode === 'email' ? t('composer.sendEmail') : t('composer.sendReply')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
