import { Badge, Button, Stack, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api.ts';
import { ErrorAlert, When } from '../../shared/components.tsx';
import { ListTable } from '../../admin/admin-kit.tsx';
import { useAdminStrings } from '../../admin/strings.ts';

type SessionItem = { id: number; createdAt: string; lastSeenAt: string; expiresAt: string; ip: string | null; userAgent: string | null; current: boolean };
const KEY = ['me', 'sessions'] as const;

/** Where you are signed in; end any session but this one (signing out ends this one). */
export default function SessionsPage() {
  useAdminStrings();
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery({ queryKey: KEY, queryFn: () => api.get<{ items: SessionItem[] }>('/me/sessions') });
  const revoke = useMutation({ mutationFn: (id: number) => api.delete(`/sessions/${id}`), onSuccess: () => client.invalidateQueries({ queryKey: KEY }) });
  return (
    <Stack>
      <Title order={2} size="h3">{t('account.sessions')}</Title>
      <ErrorAlert error={list.error ?? revoke.error} />
      <ListTable
        label={t('account.sessions')}
        minWidth={720}
        headers={[t('account.device'), t('audit.ip'), t('account.signedInAt'), t('account.lastSeen'), t('account.expires'), t('adminPages.actions')]}
        rows={(list.data?.items ?? []).map((s) => [
          <span key="d">{s.current && <Badge mie="xs" variant="light">{t('account.thisSession')}</Badge>}<bdi dir="ltr">{s.userAgent ?? ''}</bdi></span>,
          <bdi key="i" dir="ltr">{s.ip ?? ''}</bdi>,
          <When key="c" instant={s.createdAt} />,
          <When key="l" instant={s.lastSeenAt} relative />,
          <When key="e" instant={s.expiresAt} />,
          s.current ? null : <Button key="r" size="xs" color="red" variant="light" loading={revoke.isPending && revoke.variables === s.id} onClick={() => revoke.mutate(s.id)} aria-label={t('account.revokeSession', { id: s.id })}>{t('account.revoke')}</Button>,
        ])}
      />
    </Stack>
  );
}
