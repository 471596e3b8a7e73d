import { useState } from 'react';
import { Button, Code, Group, Stack, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { ErrorAlert, When } from '../shared/components.tsx';
import { DateRangePicker, type DayRange } from '../shared/calendar/DateRangePicker.tsx';
import { ADMIN_KEY, ListTable, PageTitle } from './admin-kit.tsx';
import { auditPath, type AuditFilters } from './audit-query.ts';
import { useAdminStrings } from './strings.ts';

type AuditPage = { items: AuditEntry[]; nextBefore: number | null };

/** The audit log, newest first: filter by action (or prefix "session."), actor, target and dates; page on. */
export default function AuditPage() {
  useAdminStrings();
  const { t } = useTranslation();
  const blank: AuditFilters = { action: '', actorUserId: '', targetType: '', targetId: '', range: null };
  const [draft, setDraft] = useState(blank);
  const [applied, setApplied] = useState(blank);
  const log = useInfiniteQuery({
    queryKey: [...ADMIN_KEY, 'audit', applied],
    queryFn: ({ pageParam }) => api.get<AuditPage>(auditPath(applied, pageParam)),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
  });
  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <PageTitle>{t('adminPages.audit')}</PageTitle>
      <form role="search" aria-label={t('audit.filters')} onSubmit={(e) => { e.preventDefault(); setApplied(draft); }}>
        <Group align="end">
          <TextInput label={t('audit.action')} description={t('audit.actionNote', { example: 'session.' })} dir="ltr" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.currentTarget.value })} />
          <TextInput label={t('audit.actor')} dir="ltr" inputMode="numeric" value={draft.actorUserId} onChange={(e) => setDraft({ ...draft, actorUserId: e.currentTarget.value })} />
          <TextInput label={t('audit.targetType')} dir="ltr" value={draft.targetType} onChange={(e) => setDraft({ ...draft, targetType: e.currentTarget.value })} />
          <TextInput label={t('audit.targetId')} dir="ltr" value={draft.targetId} onChange={(e) => setDraft({ ...draft, targetId: e.currentTarget.value })} />
          <DateRangePicker label={t('audit.dates')} value={draft.range} onChange={(range: DayRange) => setDraft({ ...draft, range })} />
          <Button type="submit" variant="light">{t('adminPages.find')}</Button>
          <Button variant="default" onClick={() => { setDraft(blank); setApplied(blank); }}>{t('audit.clear')}</Button>
        </Group>
      </form>
      <ErrorAlert error={log.error} />
      {log.isSuccess && entries.length === 0 && <Text c="dimmed">{t('audit.empty')}</Text>}
      <ListTable
        label={t('adminPages.audit')}
        minWidth={800}
        headers={[t('audit.at'), t('audit.action'), t('audit.actor'), t('audit.target'), t('audit.ip'), t('audit.details')]}
        rows={entries.map((e) => [
          <When key="w" instant={e.at} />,
          <bdi key="a" dir="ltr">{e.action}</bdi>,
          <bdi key="u" dir="ltr">{e.actorUserId !== null ? `#${e.actorUserId}` : e.actorKind}</bdi>,
          <bdi key="t" dir="ltr">{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : ''}</bdi>,
          <bdi key="i" dir="ltr">{e.ip ?? ''}</bdi>,
          Object.keys(e.details).length > 0 ? <Code key="d" className="body-text" dir="ltr">{JSON.stringify(e.details)}</Code> : null,
        ])}
      />
      {log.hasNextPage && <Group><Button variant="light" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>{t('common.loadMore')}</Button></Group>}
    </Stack>
  );
}
