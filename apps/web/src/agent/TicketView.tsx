import { useEffect, useState } from 'react';
import { Alert, Button, Grid, Group, Modal, NumberInput, Paper, Select, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Contact, Ticket, TicketSummary } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { keys } from '../shared/live.ts';
import { Bidi, ErrorAlert, StatusBadge, TicketNumber, When } from '../shared/components.tsx';
import { Composer, type ComposerMode, type TicketAfterSend } from '../shared/Composer.tsx';
import { useEmailRecipients } from './EmailRecipients.tsx';
import { useSession } from '../shared/session.ts';
import { LEVELS, PRIORITIES, TYPES } from '../shared/ticket-words.ts';
import { isTyping } from './Shortcuts.tsx';
import { Timeline } from './Timeline.tsx';
import { useArticles, useTicket, useTicketEdit } from './ticket-hooks.ts';
import { useDirectory } from './directory.ts';
import { HistoryTab } from './HistoryTab.tsx';
import { PresenceBar, usePresenceReport } from './Presence.tsx';
import { SlaCountdown } from './SlaCountdown.tsx';

/** One ticket: editable header, timeline, composer, escalation, relations and merge, requester, history. */
export default function TicketView() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const ticket = useTicket(id);
  const articles = useArticles(id);
  const client = useQueryClient();
  const session = useSession();
  const edit = useTicketEdit(ticket.data);
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [dialog, setDialog] = useState<null | 'escalate' | 'refer' | 'relate' | 'merge' | 'override'>(null);
  const me = session.data?.me.agent;
  const data = ticket.data;
  // Presence is the desk's: only readers of its side (those who see the history) report and see it.
  const onTyping = usePresenceReport(id, data?.abilities.history ?? false);
  const email = useEmailRecipients(id, data?.requester?.id ?? null);

  useEffect(() => {
    const handler = (event: KeyboardEvent) => {
      if (isTyping(event) || event.ctrlKey || event.metaKey || event.altKey || !data) return;
      const focusComposer = (m: ComposerMode) => { setMode(m); setTimeout(() => document.getElementById('composer-text')?.focus(), 0); };
      if (event.key === 'r' && data.abilities.reply) focusComposer('reply');
      else if (event.key === 'n' && data.abilities.note) focusComposer('note');
      else if (event.key === 'a' && me && data.abilities.update) edit.save({ assigneeAgentId: me.id });
      else if (event.key === 's') document.getElementById('ticket-status')?.focus();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  });

  const refresh = () => {
    void client.invalidateQueries({ queryKey: keys.ticket(id) });
    void client.invalidateQueries({ queryKey: keys.queues });
  };
  // The article moved the ticket's version: take it at once (and drop any older fetch still in
  // flight), so an edit made right after a reply, a reply by mail or a note is not refused as stale.
  const sent = async (created: TicketAfterSend) => {
    await client.cancelQueries({ queryKey: keys.ticket(id) });
    client.setQueryData<Ticket>(keys.ticket(id), (old) => (old && old.id === created.ticketId ? { ...old, version: created.ticketVersion, status: created.ticketStatus as Ticket['status'] } : old));
    void client.invalidateQueries({ queryKey: keys.articles(id) });
    refresh();
  };
  const acknowledge = useMutation({ mutationFn: () => api.post(`/tickets/${id}/escalation/acknowledge`, { version: data?.version }), onSuccess: refresh });
  if (ticket.error) return <ErrorAlert error={ticket.error} />;
  if (!data) return null;
  return (
    <Stack>
      <Group justify="space-between" align="start">
        <div>
          <Text c="dimmed" size="sm"><TicketNumber value={data.displayNumber} /> · <When instant={data.createdAt} /></Text>
          <Title order={2} size="h3"><Bidi>{data.title}</Bidi></Title>
        </div>
        <Group gap="xs">
          <span data-testid="ticket-status"><StatusBadge status={data.status} /></span>
          {data.escalationLevel ? <Text size="sm" c="red">{t('ticket.escalatedLevel', { level: data.escalationLevel })}</Text> : null}
        </Group>
      </Group>
      {edit.stale && (
        <Alert color="orange" role="alert" title={t('ticket.staleTitle')}>
          <Text size="sm">{t('ticket.staleBody')}</Text>
          <Group mt="xs">
            <Button size="xs" onClick={edit.retryStale}>{t('ticket.staleRetry')}</Button>
            <Button size="xs" variant="subtle" onClick={edit.dropStale}>{t('ticket.staleDrop')}</Button>
          </Group>
        </Alert>
      )}
      {data.abilities.history && <PresenceBar ticketId={id} selfUserId={session.data?.me.userId} />}
      <ErrorAlert error={edit.error ?? acknowledge.error} />
      <Header ticket={data} save={edit.save} onOverride={() => setDialog('override')} />
      <Group gap="xs">
        {data.abilities.escalate && <Button size="xs" variant="light" onClick={() => setDialog('escalate')}>{t('ticket.escalate')}</Button>}
        {data.abilities.escalate && <Button size="xs" variant="light" onClick={() => setDialog('refer')}>{t('ticket.refer')}</Button>}
        {data.abilities.acknowledgeEscalation && (data.escalationLevel ?? 0) > 0 && !data.escalationAcknowledgedAt && (
          <Button size="xs" color="red" loading={acknowledge.isPending} onClick={() => acknowledge.mutate()}>{t('ticket.acknowledge')}</Button>
        )}
        {data.abilities.relate && <Button size="xs" variant="light" onClick={() => setDialog('relate')}>{t('ticket.relate')}</Button>}
        {data.abilities.merge && <Button size="xs" variant="light" onClick={() => setDialog('merge')}>{t('ticket.merge')}</Button>}
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Tabs defaultValue="timeline">
            <Tabs.List>
              <Tabs.Tab value="timeline">{t('ticket.timeline')}</Tabs.Tab>
              {data.abilities.history && <Tabs.Tab value="history">{t('ticket.history')}</Tabs.Tab>}
            </Tabs.List>
            <Tabs.Panel value="timeline" pt="sm">
              <Stack>
                {data.description && <Paper withBorder p="sm"><Text className="body-text" size="sm">{data.description}</Text></Paper>}
                <Timeline articles={articles.data ?? []} />
                {(data.abilities.reply || data.abilities.note) && (
                  <div onInput={onTyping}>
                    <Composer
                      ticketId={id}
                      textareaId="composer-text"
                      modes={[...(data.abilities.reply ? (['reply', 'email'] as const) : []), ...(data.abilities.note ? (['note'] as const) : [])]}
                      email={email}
                      mode={mode}
                      onModeChange={setMode}
                      onSent={(created) => void sent(created)}
                    />
                  </div>
                )}
              </Stack>
            </Tabs.Panel>
            {data.abilities.history && <Tabs.Panel value="history" pt="sm"><HistoryTab ticketId={id} /></Tabs.Panel>}
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <SlaCountdown ticket={data} />
            <RequesterPanel ticket={data} />
          </Stack>
        </Grid.Col>
      </Grid>
      <ActionDialog kind={dialog} ticket={data} onClose={() => setDialog(null)} onDone={() => { setDialog(null); refresh(); void client.invalidateQueries({ queryKey: keys.articles(id) }); }} save={edit.save} />
    </Stack>
  );
}

function Header({ ticket, save, onOverride }: { ticket: Ticket; save(change: Record<string, unknown>): void; onOverride(): void }) {
  const { t } = useTranslation();
  const { groups, agents } = useDirectory();
  const categories = useQuery({ queryKey: ['categories'], queryFn: () => api.get<{ items: { id: number; name: string }[] }>('/categories'), staleTime: 60_000 });
  const disabled = !ticket.abilities.update;
  const groupAgents = agents.filter((a) => ticket.assignee.groupId !== null && a.groupIds.includes(ticket.assignee.groupId));
  return (
    <Paper withBorder p="sm">
      <Group align="end" gap="sm">
        <Select id="ticket-status" label={t('column.status')} w={170} disabled={disabled || ticket.nextStatuses.length === 0} value={ticket.status}
          data={[ticket.status, ...ticket.nextStatuses.filter((s) => s !== ticket.status)].map((s) => ({ value: s, label: t(`status.${s}`) }))}
          onChange={(v) => v && v !== ticket.status && save({ status: v })} allowDeselect={false} />
        <Select label={t('ticket.impact')} w={110} disabled={disabled} value={String(ticket.impact)} data={LEVELS.map((l) => ({ value: String(l), label: t(`level.${l}`) }))} onChange={(v) => v && save({ impact: Number(v) })} allowDeselect={false} />
        <Select label={t('ticket.urgency')} w={110} disabled={disabled} value={String(ticket.urgency)} data={LEVELS.map((l) => ({ value: String(l), label: t(`level.${l}`) }))} onChange={(v) => v && save({ urgency: Number(v) })} allowDeselect={false} />
        <div>
          <Text size="sm" fw={500}>{t('column.priority')}</Text>
          <Group gap={4}>
            <Text size="sm" data-testid="priority">{t(`priority.${ticket.priority}`)}</Text>
            {ticket.priorityOverride ? <Text size="xs" c="orange">({t('ticket.overridden')})</Text> : null}
            {!disabled && <Button size="compact-xs" variant="subtle" onClick={ticket.priorityOverride ? () => save({ priorityOverride: null }) : onOverride}>{ticket.priorityOverride ? t('ticket.clearOverride') : t('ticket.override')}</Button>}
          </Group>
        </div>
        <Select label={t('ticket.type')} w={150} disabled={disabled} value={ticket.type} data={TYPES.map((x) => ({ value: x, label: t(`type.${x}`) }))} onChange={(v) => v && save({ type: v })} allowDeselect={false} />
        <Select label={t('ticket.category')} w={160} disabled={disabled} clearable value={ticket.categoryId ? String(ticket.categoryId) : null} data={(categories.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.name }))} onChange={(v) => save({ categoryId: v ? Number(v) : null })} />
        <Select label={t('column.group')} w={160} disabled={!ticket.abilities.reassign} value={ticket.assignee.groupId ? String(ticket.assignee.groupId) : null} data={groups.map((g) => ({ value: String(g.id), label: g.name }))} onChange={(v) => v && save({ assigneeGroupId: Number(v) })} allowDeselect={false} />
        <Select label={t('column.assignee')} w={160} disabled={disabled} clearable value={ticket.assignee.agentId ? String(ticket.assignee.agentId) : null} data={groupAgents.map((a) => ({ value: String(a.id), label: a.name }))} onChange={(v) => save({ assigneeAgentId: v ? Number(v) : null })} />
      </Group>
      <Text size="xs" c="dimmed" mt={4}>{t('ticket.owner')}: {groups.find((g) => g.id === ticket.owner.groupId)?.name ?? '—'} · {agents.find((a) => a.id === ticket.owner.agentId)?.name ?? '—'}</Text>
    </Paper>
  );
}

function RequesterPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const contactId = ticket.requester?.id;
  const contact = useQuery({ queryKey: ['contacts', contactId], queryFn: () => api.get<Contact>(`/contacts/${contactId}`), enabled: !!contactId });
  const others = useQuery({ queryKey: ['tickets', 'of-requester', contactId], queryFn: () => api.get<{ items: TicketSummary[] }>(`/tickets?requesterContactId=${contactId}&limit=10`), enabled: !!contactId });
  return (
    <Paper withBorder p="sm" aria-label={t('ticket.requester')} component="section">
      <Title order={3} size="h5" mb="xs">{t('ticket.requester')}</Title>
      {!contactId && <Text size="sm" c="dimmed">—</Text>}
      {contact.data && (
        <Stack gap={2}>
          <Text fw={700}><Bidi>{contact.data.name}</Bidi></Text>
          {contact.data.emails.map((e) => <Text key={e} size="sm"><bdi dir="ltr">{e}</bdi></Text>)}
          {contact.data.phones.map((p) => <Text key={p.phone} size="sm"><bdi dir="ltr">{p.phone}</bdi></Text>)}
          {ticket.organization && <Text size="sm">{t('column.organization')}: <Bidi>{ticket.organization.name}</Bidi></Text>}
        </Stack>
      )}
      {(others.data?.items ?? []).filter((o) => o.id !== ticket.id).length > 0 && (
        <>
          <Text size="sm" fw={700} mt="sm">{t('ticket.otherTickets')}</Text>
          {(others.data?.items ?? []).filter((o) => o.id !== ticket.id).map((o) => (
            <Text key={o.id} size="sm"><a href={`/tickets/${o.id}`}><TicketNumber value={o.displayNumber} /> <Bidi>{o.title}</Bidi></a></Text>
          ))}
        </>
      )}
    </Paper>
  );
}

function ActionDialog({ kind, ticket, onClose, onDone, save }: { kind: null | 'escalate' | 'refer' | 'relate' | 'merge' | 'override'; ticket: Ticket; onClose(): void; onDone(): void; save(change: Record<string, unknown>): void }) {
  const { t } = useTranslation();
  const { groups } = useDirectory();
  const [reason, setReason] = useState('');
  const [groupId, setGroupId] = useState<string | null>(null);
  const [target, setTarget] = useState<number | string>('');
  const [relation, setRelation] = useState<string>('related');
  const [priority, setPriority] = useState<string>('1');
  const run = useMutation({
    mutationFn: async () => {
      if (kind === 'escalate') return api.post(`/tickets/${ticket.id}/escalations`, { kind: 'hierarchical', reason, version: ticket.version });
      if (kind === 'refer') return api.post(`/tickets/${ticket.id}/escalations`, { kind: 'functional', groupId: Number(groupId), reason, version: ticket.version });
      if (kind === 'relate') return api.post(`/tickets/${ticket.id}/relations`, { kind: relation, targetTicketId: await ticketIdOf(target) });
      if (kind === 'merge') return api.post(`/tickets/${ticket.id}/merge`, { intoTicketId: await ticketIdOf(target) });
      if (kind === 'override') return save({ priorityOverride: { priority: Number(priority), reason } });
      return undefined;
    },
    onSuccess: () => { setReason(''); setTarget(''); onDone(); },
  });
  if (!kind) return null;
  return (
    <Modal opened onClose={onClose} title={t(`ticket.${kind}`)} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={(e) => { e.preventDefault(); run.mutate(); }}>
        <Stack>
          <ErrorAlert error={run.error} />
          {kind === 'refer' && <Select label={t('column.group')} data={groups.filter((g) => g.id !== ticket.assignee.groupId).map((g) => ({ value: String(g.id), label: g.name }))} value={groupId} onChange={setGroupId} required />}
          {(kind === 'relate' || kind === 'merge') && <NumberInput label={t('ticket.targetNumber')} value={target} onChange={setTarget} required hideControls />}
          {kind === 'relate' && <Select label={t('ticket.relationKind')} value={relation} onChange={(v) => setRelation(v ?? 'related')} data={['related', 'parent_child', 'follow_up_of', 'duplicate_of'].map((k) => ({ value: k, label: t(`relation.${k}`) }))} allowDeselect={false} />}
          {kind === 'override' && <Select label={t('column.priority')} value={priority} onChange={(v) => setPriority(v ?? '1')} data={PRIORITIES.map((p) => ({ value: String(p), label: t(`priority.${p}`) }))} allowDeselect={false} />}
          {(kind === 'escalate' || kind === 'refer' || kind === 'override') && <Textarea label={t('ticket.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />}
          {kind === 'merge' && <Text size="sm" c="orange">{t('ticket.mergeWarning')}</Text>}
          <Group justify="end"><Button type="submit" loading={run.isPending}>{t('common.confirm')}</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A ticket number as people say it (any digits) → the ticket's id. */
async function ticketIdOf(number: number | string): Promise<number> {
  const page = await api.get<{ items: TicketSummary[] }>(`/tickets?number=${encodeURIComponent(String(number))}&limit=1`);
  const found = page.items[0];
  if (!found) throw new Error('not found');
  return found.id;
}

