import { useEffect, useState } from 'react';
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SlaPolicy, Ticket, TicketSummary } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { formatDateTime } from '../shared/format.ts';
import { usePrefs } from '../shared/prefs.tsx';
import { dueCell, formatSpan, targetViews, type Tone } from '../shared/sla.ts';

// Dark enough shades (with autoContrast's black or white text) to pass WCAG AA contrast (axe in quality.e2e).
const COLOR: Record<Tone, string> = { green: 'teal.9', amber: 'orange.4', red: 'red.9', gray: 'gray.7' };

/** Now, moved on every `everyMs` (a countdown's tick); the ticket itself is refreshed by the live stream. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** One line per SLA target: due in / breached ago, coloured; paused and met said so; due times in the user's calendar. */
export function SlaCountdown({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const now = useNow();
  const policyId = ticket.sla?.policyId ?? null;
  // Agents read policies: the warning share of the amber colour.
  const policy = useQuery({ queryKey: ['sla-policy', policyId], queryFn: () => api.get<SlaPolicy>(`/admin/sla/policies/${policyId}`), enabled: policyId !== null, staleTime: 300_000 });
  const views = targetViews(ticket, policy.data?.warnAtPercent ?? null, now);
  if (views.length === 0) return null;
  return (
    <Paper withBorder p="sm" component="section" aria-label={t('sla.title')} data-testid="sla-countdown">
      <Stack gap={4}>
        {views.map((v) => (
          <Group key={v.target} gap="xs" justify="space-between" wrap="nowrap" data-target={v.target} data-state={v.state} data-tone={v.tone}>
            <Text size="sm">{t(`sla.${v.target}`)}</Text>
            <Group gap={6} wrap="nowrap">
              <Badge color={COLOR[v.tone]} autoContrast variant={v.state === 'running' || v.state === 'breached' ? 'filled' : 'outline'}>
                {v.state === 'paused' ? t('sla.paused')
                  : v.state === 'met' ? t('sla.met')
                  : v.state === 'breached' ? (v.dueAt === null ? t('sla.breached') : t('sla.breachedAgo', { span: formatSpan(now - v.dueAt, prefs) }))
                  : t('sla.dueIn', { span: formatSpan(v.dueAt! - now, prefs) })}
              </Badge>
              {v.dueAt !== null && <Text size="xs" c="dimmed"><time dateTime={new Date(v.dueAt).toISOString()}>{formatDateTime(new Date(v.dueAt), prefs)}</time></Text>}
            </Group>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

/** The list's "SLA due" cell (display only: the server has no sort by due time). */
export function SlaDueCell({ ticket, now }: { ticket: TicketSummary; now: number }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const cell = dueCell(ticket, now);
  if (cell.state === 'none') return <Text size="sm" c="dimmed">—</Text>;
  const label = cell.state === 'paused' ? t('sla.paused') : cell.state === 'breached' ? t('sla.breached') : formatSpan(cell.dueAt! - now, prefs);
  return (
    <Badge color={COLOR[cell.tone]} autoContrast variant="filled" title={cell.dueAt !== null ? formatDateTime(new Date(cell.dueAt), prefs) : undefined}>
      {label}
    </Badge>
  );
}
