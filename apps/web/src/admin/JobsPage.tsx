import { useState } from 'react';
import { Button, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AdminJob, JobStatus } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { ErrorAlert, When } from '../shared/components.tsx';
import { ListTable, PageTitle, useAdminWrite, useList } from './admin-kit.tsx';
import { useAdminStrings } from './strings.ts';

const STATUSES: JobStatus[] = ['dead', 'ready', 'running', 'done'];

/** The job queue by status; dead jobs show their last error and can be retried. */
export default function JobsPage() {
  useAdminStrings();
  const { t } = useTranslation();
  const [status, setStatus] = useState<JobStatus>('dead');
  const list = useList<AdminJob>(`/admin/jobs?status=${status}&limit=100`);
  const retry = useAdminWrite((id: number) => api.post(`/admin/jobs/${id}/retry`));
  const items = list.data?.items ?? [];
  return (
    <Stack>
      <PageTitle>{t('admin.jobs')}</PageTitle>
      <SegmentedControl aria-label={t('adminPages.jobStatus')} value={status} onChange={(v) => setStatus(v as JobStatus)} data={STATUSES.map((s) => ({ value: s, label: t(`adminPages.jobStatuses.${s}`) }))} />
      <ErrorAlert error={list.error ?? retry.error} />
      {items.length === 0 && <Text c="dimmed">{status === 'dead' ? t('admin.noDeadJobs') : t('adminPages.noJobs')}</Text>}
      <ListTable
        label={t('admin.jobs')}
        minWidth={640}
        headers={[t('admin.jobName'), t('admin.attempts'), t('admin.lastError'), t('admin.updated'), t('adminPages.actions')]}
        rows={items.map((j) => [
          <bdi key="n" dir="ltr">{j.name}</bdi>,
          `${j.attempts} / ${j.maxAttempts}`,
          <Text key="e" size="xs" className="body-text"><bdi dir="ltr">{j.lastError ?? ''}</bdi></Text>,
          <When key="w" instant={j.updatedAt} relative />,
          j.status === 'dead' ? <Button key="r" size="xs" loading={retry.isPending && retry.variables === j.id} onClick={() => retry.mutate(j.id)} aria-label={t('adminPages.retryJob', { name: j.name, id: j.id })}>{t('admin.retry')}</Button> : null,
        ])}
      />
    </Stack>
  );
}
