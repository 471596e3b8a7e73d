import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Article, Ticket } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { keys, POLL_MS } from '../shared/live.ts';
import { Bidi, ErrorAlert, StatusBadge, TicketNumber, When } from '../shared/components.tsx';
import { Composer } from '../shared/Composer.tsx';

type Page<T> = { items: T[]; nextCursor: string | null };

/** One request: the public timeline (the server never sends internal notes here), reply, confirm or reopen. */
export default function RequestView() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const client = useQueryClient();
  const ticket = useQuery({ queryKey: keys.ticket(id), queryFn: () => api.get<Ticket>(`/tickets/${id}`), refetchInterval: POLL_MS });
  const articles = useQuery({ queryKey: keys.articles(id), queryFn: () => api.get<Page<Article>>(`/tickets/${id}/articles?limit=200`), refetchInterval: POLL_MS });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: keys.ticket(id) });
    void client.invalidateQueries({ queryKey: keys.articles(id) });
  };
  const action = useMutation({ mutationFn: (kind: 'confirm' | 'reopen') => api.post(`/tickets/${id}/${kind}`, { version: ticket.data?.version }), onSuccess: refresh });
  if (ticket.error) return <ErrorAlert error={ticket.error} />;
  const data = ticket.data;
  if (!data) return null;
  return (
    <Stack>
      <div>
        <Text size="sm" c="dimmed"><TicketNumber value={data.displayNumber} /> · <When instant={data.createdAt} /></Text>
        <Group justify="space-between" wrap="nowrap" align="start">
          <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}><Bidi>{data.title}</Bidi></Title>
          <StatusBadge status={data.status} />
        </Group>
      </div>
      {data.description && <Paper withBorder p="sm"><Text className="body-text" size="sm">{data.description}</Text></Paper>}
      <ErrorAlert error={action.error} />
      {data.status === 'resolved' && (data.abilities.confirm || data.abilities.reopen) && (
        <Alert color="green" title={t('portal.resolvedTitle')}>
          <Text size="sm">{t('portal.resolvedBody')}</Text>
          <Group mt="xs">
            {data.abilities.confirm && <Button size="xs" onClick={() => action.mutate('confirm')}>{t('portal.confirm')}</Button>}
            {data.abilities.reopen && <Button size="xs" variant="light" onClick={() => action.mutate('reopen')}>{t('portal.reopen')}</Button>}
          </Group>
        </Alert>
      )}
      <Stack component="ol" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('ticket.timeline')}>
        {(articles.data?.items ?? []).filter((a) => a.kind === 'reply').map((a) => (
          <Paper component="li" key={a.id} withBorder p="sm" className="timeline-reply" data-kind={a.kind}>
            <Group justify="space-between" wrap="nowrap">
              <Text fw={700} size="sm"><Bidi>{a.author.name}</Bidi></Text>
              <Text size="xs" c="dimmed"><When instant={a.createdAt} relative /></Text>
            </Group>
            <Text className="body-text" size="sm">{a.body}</Text>
            {a.attachments.map((f) => <Text key={f.id} size="sm"><a href={`/api/v1/attachments/${f.id}/content`}><Bidi>{f.filename}</Bidi></a></Text>)}
          </Paper>
        ))}
      </Stack>
      {data.abilities.reply && <Composer ticketId={id} modes={['reply']} onSent={refresh} />}
    </Stack>
  );
}
