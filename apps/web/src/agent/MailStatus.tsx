import { Badge, Button, Group, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OutboundMessage, OutboundMessages } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { ErrorAlert } from '../shared/components.tsx';
import { useAdminStrings } from '../admin/strings.ts';

const mailKey = (ticketId: number) => ['tickets', ticketId, 'email-messages'] as const;

/** The mail of one ticket, read once for all its articles (TanStack shares the query). */
function useTicketMail(ticketId: number) {
  return useQuery({ queryKey: mailKey(ticketId), queryFn: () => api.get<OutboundMessages>(`/tickets/${ticketId}/email/messages`), retry: false });
}

/** The newest outgoing mail of an article that did not leave: held or failed. */
export function undeliveredMail(items: readonly OutboundMessage[], articleId: number): OutboundMessage | null {
  const own = items.filter((m) => m.articleId === articleId);
  const latest = own.reduce<OutboundMessage | null>((best, m) => (best === null || m.id > best.id ? m : best), null);
  return latest && (latest.status === 'failed' || latest.status === 'held') ? latest : null;
}

/** A send-failure badge on an article whose mail failed or was held, with the reason and a retry. */
export function MailStatus({ ticketId, articleId }: { ticketId: number; articleId: number }) {
  useAdminStrings();
  const { t } = useTranslation();
  const client = useQueryClient();
  const mail = useTicketMail(ticketId);
  const retry = useMutation({ mutationFn: (id: number) => api.post(`/email/messages/${id}/retry`), onSettled: () => client.invalidateQueries({ queryKey: mailKey(ticketId) }) });
  const message = undeliveredMail(mail.data?.items ?? [], articleId);
  if (!message) return null;
  return (
    <Group gap="xs" mt="xs" data-testid="mail-failure">
      <Badge color={message.status === 'failed' ? 'red' : 'orange'} variant="light">{t(`mail.status.${message.status}`)}</Badge>
      <Text size="xs">{t(`mail.reasons.${message.reason ?? 'unknown'}`, { defaultValue: message.reason ?? '' })}</Text>
      {message.lastError && <Text size="xs" c="dimmed"><bdi dir="ltr">{message.lastError}</bdi></Text>}
      {message.abilities.retry && <Button size="compact-xs" variant="light" loading={retry.isPending} onClick={() => retry.mutate(message.id)}>{t('mail.retrySend')}</Button>}
      <ErrorAlert error={retry.error} />
    </Group>
  );
}
