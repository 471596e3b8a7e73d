import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, CopyButton, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IssuedLinkResponse } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { ErrorAlert } from '../shared/components.tsx';
import { formatDateTime } from '../shared/format.ts';
import { usePrefs } from '../shared/prefs.tsx';

/** The building blocks every admin page shares: lists, tables, a save that keeps the draft on failure. */
export type Page<T> = { items: T[]; nextCursor: string | null };

export const ADMIN_KEY = ['admin'] as const;

export function useList<T>(path: string) {
  return useQuery({ queryKey: [...ADMIN_KEY, path], queryFn: () => api.get<Page<T>>(path) });
}

/** A long list (contacts, organisations) page by page: `path` has its query; the cursor is added. */
export function usePagedList<T>(path: string) {
  const list = useInfiniteQuery({
    queryKey: [...ADMIN_KEY, 'paged', path],
    queryFn: ({ pageParam }) => api.get<Page<T>>(pageParam ? `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(pageParam)}` : path),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  return { ...list, items: list.data?.pages.flatMap((p) => p.items) ?? [] };
}

export function LoadMore({ list }: { list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage(): unknown } }) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return <Group><Button variant="light" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('common.loadMore')}</Button></Group>;
}

/**
 * A write whose form keeps what was typed: `onDone` (clearing a form, closing a dialog) runs only on
 * success; a failure leaves the draft in place and the error (in the user's language) on screen.
 */
export function useAdminWrite<A, R = unknown>(write: (args: A) => Promise<R>, onDone?: (result: R) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (result) => {
      onDone?.(result);
      void client.invalidateQueries({ queryKey: ADMIN_KEY });
    },
  });
}

export function PageTitle({ children }: { children: ReactNode }) {
  return <Title order={2} size="h3">{children}</Title>;
}

export function ListTable({ label, headers, rows, minWidth = 500 }: { label: string; headers: string[]; rows: ReactNode[][]; minWidth?: number }) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table aria-label={label} striped>
        <Table.Thead><Table.Tr>{headers.map((h, i) => <Table.Th key={i}>{h}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>{rows.map((r, i) => <Table.Tr key={i}>{r.map((c, j) => <Table.Td key={j}>{c}</Table.Td>)}</Table.Tr>)}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return <Badge color={active ? 'teal' : 'gray'} variant="light">{active ? t('adminPages.active') : t('adminPages.inactive')}</Badge>;
}

/** A dialog around an edit form; closing it drops the draft on purpose (the user chose to). */
export function EditDialog({ title, opened, onClose, children }: { title: string; opened: boolean; onClose(): void; children: ReactNode }) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': title }}>
      {children}
    </Modal>
  );
}

/** Save / cancel row with the write's error above it. */
export function FormActions({ pending, error, onCancel, label }: { pending: boolean; error: unknown; onCancel?: () => void; label?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <ErrorAlert error={error} />
      <Group>
        <Button type="submit" loading={pending}>{label ?? t('common.save')}</Button>
        {onCancel && <Button variant="default" onClick={onCancel}>{t('common.close')}</Button>}
      </Group>
    </Stack>
  );
}

/** Something shown once (a one-time password, an API token, an invitation link), with a copy button. */
export function ShownOnce({ title, value, note }: { title: string; value: string; note?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Alert color="blue" title={title} role="status">
      <Stack gap="xs">
        <Text size="sm" className="body-text"><bdi dir="ltr" data-testid="shown-once">{value}</bdi></Text>
        {note && <Text size="xs">{note}</Text>}
        <Group>
          <CopyButton value={value}>
            {({ copied, copy }) => <Button size="xs" variant="light" onClick={copy}>{copied ? t('adminPages.copied') : t('adminPages.copy')}</Button>}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}

/** "Send invitation / reset link": the admin sees the link to hand over while no mail is sent. */
export function InvitationButton({ path, label }: { path: string; label: string }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const [issued, setIssued] = useState<IssuedLinkResponse | null>(null);
  const invite = useAdminWrite(() => api.post<IssuedLinkResponse>(path), setIssued);
  return (
    <Stack gap="xs">
      <Group><Button variant="light" loading={invite.isPending} onClick={() => invite.mutate(undefined)}>{label}</Button></Group>
      <ErrorAlert error={invite.error} />
      {issued && (issued.link
        ? <ShownOnce title={t('adminPages.linkTitle')} value={issued.link} note={t('adminPages.linkExpires', { at: formatDateTime(new Date(issued.expiresAt), prefs) })} />
        : <Alert color="blue" role="status">{t('adminPages.linkSent', { at: formatDateTime(new Date(issued.expiresAt), prefs) })}</Alert>)}
    </Stack>
  );
}
