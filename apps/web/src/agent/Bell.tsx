import { ActionIcon, Indicator, Menu, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NotificationsPage } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { keys, POLL_MS } from '../shared/live.ts';
import { formatNumber, localDigits } from '../shared/format.ts';
import { usePrefs } from '../shared/prefs.tsx';

/** In-app notifications with the unread count (polled; pushed once platform/realtime exists). */
export function Bell() {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const navigate = useNavigate();
  const client = useQueryClient();
  const page = useQuery({ queryKey: keys.notifications, queryFn: () => api.get<NotificationsPage>('/me/notifications?limit=10'), refetchInterval: POLL_MS });
  const read = useMutation({
    mutationFn: (id: number) => api.post(`/me/notifications/${id}/read`),
    onSettled: () => client.invalidateQueries({ queryKey: keys.notifications }),
  });
  const unread = page.data?.unreadCount ?? 0;
  return (
    <Indicator disabled={unread === 0} label={formatNumber(unread, prefs)} size={16} offset={4}>
    <Menu position="bottom-end" width={320}>
      <Menu.Target>
        <ActionIcon variant="subtle" aria-label={t('agent.notifications', { count: unread })}>
          <IconBell size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {(page.data?.items ?? []).length === 0 && <Text p="sm" size="sm">{t('agent.noNotifications')}</Text>}
        {(page.data?.items ?? []).map((n) => (
          <Menu.Item
            key={n.id}
            fw={n.read ? 400 : 700}
            onClick={() => {
              if (!n.read) read.mutate(n.id);
              if (n.ticketId) navigate(`/tickets/${n.ticketId}`);
            }}
          >
            {t(`notification.${n.kind}`, { number: localDigits(String(n.data.ticketNumber ?? ''), prefs), title: n.data.ticketTitle ?? '' })}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
    </Indicator>
  );
}
