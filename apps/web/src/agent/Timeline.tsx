import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconLock, IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Article } from '@pishkhan/contracts';
import { Bidi, When } from '../shared/components.tsx';
import { MailStatus } from './MailStatus.tsx';

/**
 * Public replies, internal notes and system events. A note is unmistakable: yellow, a lock, the
 * word "internal note" in its heading. Bodies are text (React escapes them); never HTML.
 */
export function Timeline({ articles }: { articles: Article[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('ticket.timeline')}>
      {articles.map((article) => {
        if (article.kind === 'event') {
          return (
            <li key={article.id} className="timeline-event" data-kind="event">
              <Text size="sm">
                {article.eventText ?? t(`event.${article.eventType ?? 'other'}`, { defaultValue: article.body || article.eventType || '' })} · <Bidi>{article.author.name}</Bidi> · <When instant={article.createdAt} relative />
              </Text>
            </li>
          );
        }
        const note = article.kind === 'note';
        return (
          <Paper component="li" key={article.id} withBorder p="sm" className={note ? 'timeline-note' : 'timeline-reply'} data-kind={article.kind}>
            <Group justify="space-between" mb={4}>
              <Group gap="xs">
                {note && <IconLock size={14} aria-hidden />}
                <Badge color={note ? 'yellow' : 'teal'} variant={note ? 'filled' : 'light'}>
                  {note ? t('ticket.internalNote') : t('ticket.publicReply')}
                </Badge>
                <Text fw={700} size="sm"><Bidi>{article.author.name}</Bidi></Text>
                <Text size="xs" c="dimmed">{t(`channel.${article.channel}`, { defaultValue: article.channel })}</Text>
              </Group>
              <Text size="xs" c="dimmed"><When instant={article.createdAt} relative /></Text>
            </Group>
            <Text className="body-text" size="sm">{article.body}</Text>
            <MailStatus ticketId={article.ticketId} articleId={article.id} />
            {article.attachments.length > 0 && (
              <Group gap="xs" mt="xs">
                {article.attachments.map((file) => (
                  <Anchor key={file.id} size="sm" href={`/api/v1/attachments/${file.id}/content`}>
                    <IconPaperclip size={12} aria-hidden /> <Bidi>{file.filename}</Bidi>
                  </Anchor>
                ))}
              </Group>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
