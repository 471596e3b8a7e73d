import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Spoiler, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { HeldMail, HeldMailDetail } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { Bidi, ErrorAlert, When } from '../shared/components.tsx';
import { formatNumber } from '../shared/format.ts';
import { usePrefs } from '../shared/prefs.tsx';
import { ADMIN_KEY, ListTable, LoadMore, PageTitle, usePagedList } from './admin-kit.tsx';
import { isKnownFlag, sizeParts } from './held-mail.ts';
import { useAdminStrings } from './strings.ts';

function Size({ bytes }: { bytes: number }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const { unit, value } = sizeParts(bytes);
  return <>{t(`heldMail.size.${unit}`, { value: formatNumber(value, prefs) })}</>;
}

/** Why it waits: the sender is unknown (always, for held mail), with the mail's flags. */
function Reason({ flags }: { flags: string[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge variant="light" color="yellow">{t('heldMail.unknownSender')}</Badge>
      {flags.map((f) => <Badge key={f} variant="light" color="gray">{isKnownFlag(f) ? t(`heldMail.flags.${f}`) : <bdi dir="ltr">{f}</bdi>}</Badge>)}
    </Group>
  );
}

/**
 * One message: who, what, when, its text as text (React escapes it: outside text is never markup),
 * the raw download, and the decision. Accept makes the sender a contact and the mail a ticket (or
 * its reply); reject keeps it, raw bytes and all. A message decided elsewhere answers 409, shown.
 */
function HeldMailView({ id, onClose }: { id: number; onClose(): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const detail = useQuery({ queryKey: [...ADMIN_KEY, 'held', id], queryFn: () => api.get<HeldMailDetail>(`/admin/email/held/${id}`) });
  const decide = useMutation({
    mutationFn: (how: 'accept' | 'reject') => api.post<HeldMailDetail>(`/admin/email/held/${id}/${how}`),
    onSuccess: (mail) => {
      client.setQueryData([...ADMIN_KEY, 'held', id], mail);
      void client.invalidateQueries({ queryKey: [...ADMIN_KEY, 'paged'] });
    },
  });
  const mail = detail.data;
  return (
    <Stack>
      <ErrorAlert error={detail.error ?? decide.error} />
      {mail && (
        <>
          <Stack gap={4}>
            <Text size="sm">{t('heldMail.from')}: <bdi dir="ltr">{mail.from ?? t('heldMail.noSender')}</bdi></Text>
            <Text size="sm">{t('heldMail.subject')}: <Bidi>{mail.subject}</Bidi></Text>
            <Text size="sm">{t('heldMail.received')}: <When instant={mail.receivedAt} /> · <Size bytes={mail.size} /></Text>
            <Reason flags={mail.flags} />
          </Stack>
          {mail.problems.length > 0 && (
            <Alert color="orange" title={t('heldMail.problems')}>
              <Stack gap={2}>{mail.problems.map((p) => <Text key={p} size="sm"><bdi dir="ltr">{p}</bdi></Text>)}</Stack>
            </Alert>
          )}
          <Paper withBorder p="sm">
            <Text size="sm" className="body-text" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="held-body">{mail.body || t('heldMail.emptyBody')}</Text>
            {mail.foldedBody && (
              <Spoiler maxHeight={0} showLabel={t('heldMail.showQuoted')} hideLabel={t('heldMail.hideQuoted')} mt="xs">
                <Text size="sm" c="dimmed" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{mail.foldedBody}</Text>
              </Spoiler>
            )}
          </Paper>
          <Anchor href={mail.rawUrl} download size="sm">{t('heldMail.downloadRaw')}</Anchor>
          {mail.state === 'held' ? (
            <Group>
              <Button loading={decide.isPending && decide.variables === 'accept'} disabled={decide.isPending} onClick={() => decide.mutate('accept')}>{t('heldMail.accept')}</Button>
              <Button color="red" variant="light" loading={decide.isPending && decide.variables === 'reject'} disabled={decide.isPending} onClick={() => decide.mutate('reject')}>{t('heldMail.reject')}</Button>
              <Button variant="default" onClick={onClose}>{t('common.close')}</Button>
            </Group>
          ) : (
            <Alert color={mail.state === 'rejected' ? 'gray' : 'teal'} role="status">
              <Group gap="xs">
                <Text size="sm">{mail.state === 'rejected' ? t('heldMail.rejected') : t('heldMail.accepted')}</Text>
                {mail.ticketId !== null && <Anchor component={Link} to={`/tickets/${mail.ticketId}`} size="sm" onClick={onClose}>{t('heldMail.openTicket')}</Anchor>}
              </Group>
            </Alert>
          )}
        </>
      )}
    </Stack>
  );
}

/** Admin → Held mail: unknown senders' mail waiting for review (`email.unknown_senders = hold`), oldest first. */
export default function HeldMailPage() {
  useAdminStrings();
  const { t } = useTranslation();
  const list = usePagedList<HeldMail>('/admin/email/held?limit=50');
  const [open, setOpen] = useState<HeldMail | null>(null);
  return (
    <Stack>
      <PageTitle>{t('heldMail.title')}</PageTitle>
      <Text size="sm" c="dimmed">{t('heldMail.intro')}</Text>
      <ErrorAlert error={list.error} />
      {list.isSuccess && list.items.length === 0 && <Text role="status">{t('heldMail.none')}</Text>}
      {list.items.length > 0 && (
        <ListTable
          label={t('heldMail.title')}
          minWidth={760}
          headers={[t('heldMail.from'), t('heldMail.subject'), t('heldMail.received'), t('heldMail.reason'), t('heldMail.sizeHeader'), t('adminPages.actions')]}
          rows={list.items.map((m) => [
            <bdi key="f" dir="ltr">{m.from ?? t('heldMail.noSender')}</bdi>,
            <Bidi key="s">{m.subject}</Bidi>,
            <When key="r" instant={m.receivedAt} relative />,
            <Reason key="why" flags={m.flags} />,
            <Size key="z" bytes={m.size} />,
            <Button key="x" size="xs" variant="light" onClick={() => setOpen(m)} aria-label={t('heldMail.reviewNamed', { subject: m.subject })}>{t('heldMail.review')}</Button>,
          ])}
        />
      )}
      <LoadMore list={list} />
      <Modal opened={open !== null} onClose={() => setOpen(null)} title={<Bidi>{open?.subject ?? ''}</Bidi>} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
        {open && <HeldMailView key={open.id} id={open.id} onClose={() => setOpen(null)} />}
      </Modal>
    </Stack>
  );
}
