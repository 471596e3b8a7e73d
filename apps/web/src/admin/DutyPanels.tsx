import { useState } from 'react';
import { Alert, Badge, Button, Group, NumberInput, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AgentDuty, AssignmentMode, GroupAssignment } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { Bidi, ErrorAlert } from '../shared/components.tsx';
import { formatDateTime, formatNumber } from '../shared/format.ts';
import { usePrefs } from '../shared/prefs.tsx';
import { epochDayIn, startOfDayIn } from '../shared/duty.ts';
import { JalaliDatePicker } from '../shared/calendar/JalaliDatePicker.tsx';
import { ADMIN_KEY, FormActions } from './admin-kit.tsx';
import { useCalendars, useVersionedWrite } from './calendar-queries.ts';
import { useSlaStrings } from './sla-strings.ts';

function OnDutyBadge({ duty }: { duty: AgentDuty }) {
  const { t } = useTranslation();
  return <Badge color={duty.onDutyNow ? 'teal' : 'gray'} variant="light">{duty.onDutyNow ? t('duty.onDutyNow') : t('duty.offDutyNow')}</Badge>;
}

/** My away status with a return date (`/me/duty`): the preferences page. */
export function AwayStatus() {
  useSlaStrings();
  const { t } = useTranslation();
  const prefs = usePrefs();
  const client = useQueryClient();
  const key = ['me', 'duty'];
  const duty = useQuery({ queryKey: key, queryFn: () => api.get<AgentDuty>('/me/duty') });
  const [draft, setDraft] = useState<{ day: number | null; note: string } | null>(null);
  const save = useMutation({
    mutationFn: (body: { awayUntil: string | null; awayNote: string | null }) => api.put<AgentDuty>('/me/duty', { version: duty.data!.version, ...body }),
    onSuccess: (saved) => { client.setQueryData(key, saved); setDraft(null); },
    // Changed meanwhile (a supervisor set it): re-read, keep the draft for the next submit.
    onError: () => void client.invalidateQueries({ queryKey: key }),
  });
  if (duty.error) return <ErrorAlert error={duty.error} />;
  if (!duty.data) return null;
  const d = duty.data;
  const away = d.awayUntil !== null && Date.parse(d.awayUntil) > Date.now();
  const current = draft ?? { day: d.awayUntil ? epochDayIn(d.awayUntil, prefs.timeZone) : null, note: d.awayNote ?? '' };
  return (
    <Paper withBorder p="md" component="section" aria-label={t('duty.title')}>
      <form onSubmit={(e) => { e.preventDefault(); if (current.day !== null) save.mutate({ awayUntil: startOfDayIn(current.day, prefs.timeZone).toISOString(), awayNote: current.note.trim() || null }); }}>
        <Stack gap="xs">
          <Group justify="space-between"><Title order={3} size="h5">{t('duty.title')}</Title><OnDutyBadge duty={d} /></Group>
          {away && <Text size="sm" data-testid="away-until">{t('duty.awayTill', { date: formatDateTime(d.awayUntil!, prefs) })}</Text>}
          <JalaliDatePicker label={t('duty.awayUntil')} value={current.day} onChange={(day) => setDraft({ ...current, day })} />
          <TextInput label={t('duty.awayNote')} value={current.note} onChange={(e) => setDraft({ ...current, note: e.currentTarget.value })} />
          <ErrorAlert error={save.error} />
          <Group>
            <Button type="submit" disabled={current.day === null} loading={save.isPending}>{t('duty.away')}</Button>
            {away && <Button variant="default" loading={save.isPending} onClick={() => save.mutate({ awayUntil: null, awayNote: null })}>{t('duty.backNow')}</Button>}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** An agent's schedule (their own calendar, or their group's) and away period: the admin's agent dialog. */
export function AgentSchedule({ agentId, name }: { agentId: number; name: string }) {
  useSlaStrings();
  const { t } = useTranslation();
  const prefs = usePrefs();
  const calendars = useCalendars();
  const duty = useQuery({ queryKey: [...ADMIN_KEY, 'duty', agentId], queryFn: () => api.get<AgentDuty>(`/agents/${agentId}/duty`) });
  const [calendarId, setCalendarId] = useState<string | null | undefined>(undefined);
  const save = useVersionedWrite(() => api.put(`/agents/${agentId}/duty`, { version: duty.data!.version, calendarId: calendarId ? Number(calendarId) : null }), () => setCalendarId(undefined));
  if (!duty.data) return <ErrorAlert error={duty.error} />;
  const d = duty.data;
  const value = calendarId === undefined ? (d.calendarId === null ? null : String(d.calendarId)) : calendarId;
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(undefined); }} aria-label={t('duty.scheduleOf', { name })}>
      <Stack gap="xs">
        <Group justify="space-between"><Title order={3} size="h5">{t('duty.schedule')}</Title><OnDutyBadge duty={d} /></Group>
        {d.awayUntil && Date.parse(d.awayUntil) > Date.now() && <Text size="sm">{t('duty.awayTill', { date: formatDateTime(d.awayUntil, prefs) })}</Text>}
        <Select label={t('duty.calendar')} clearable placeholder={t('duty.groupCalendar')} value={value} onChange={setCalendarId} disabled={!d.abilities.update}
          data={(calendars.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.name }))} />
        {d.abilities.update && <FormActions pending={save.isPending} error={save.error} label={t('duty.save')} />}
      </Stack>
    </form>
  );
}

/** A group's automatic assignment: off / round-robin / least-loaded, a cap, the group's calendar; who is on duty. */
export function GroupAssignmentPanel({ groupId, name }: { groupId: number; name: string }) {
  useSlaStrings();
  const { t } = useTranslation();
  const prefs = usePrefs();
  const calendars = useCalendars();
  const query = useQuery({ queryKey: [...ADMIN_KEY, 'assignment', groupId], queryFn: () => api.get<GroupAssignment>(`/groups/${groupId}/assignment`) });
  const [draft, setDraft] = useState<{ mode: AssignmentMode; cap: number | string; calendarId: string | null } | null>(null);
  const save = useVersionedWrite(() => api.put(`/groups/${groupId}/assignment`, {
    version: query.data!.version, mode: current!.mode, maxOpenPerAgent: current!.cap === '' ? null : Number(current!.cap), calendarId: current!.calendarId ? Number(current!.calendarId) : null,
  }), () => setDraft(null));
  const a = query.data;
  const current = a ? (draft ?? { mode: a.mode, cap: a.maxOpenPerAgent ?? '', calendarId: a.calendarId === null ? null : String(a.calendarId) }) : null;
  if (!a || !current) return <ErrorAlert error={query.error} />;
  return (
    <Paper withBorder p="sm">
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(undefined); }} aria-label={t('duty.editAssignment', { name })}>
        <Stack gap="xs">
          <Title order={3} size="h5">{t('duty.assignment')}</Title>
          <Group grow align="start">
            <Select label={t('duty.mode')} allowDeselect={false} value={current.mode} disabled={!a.abilities.update} onChange={(m) => m && setDraft({ ...current, mode: m as AssignmentMode })}
              data={(['off', 'round_robin', 'least_loaded'] as const).map((m) => ({ value: m, label: t(`duty.modes.${m}`) }))} />
            <NumberInput label={t('duty.cap')} min={1} max={10_000} value={current.cap} disabled={!a.abilities.update} onChange={(cap) => setDraft({ ...current, cap })} />
          </Group>
          <Select label={t('duty.calendar')} clearable placeholder={t('duty.defaultCalendar')} value={current.calendarId} disabled={!a.abilities.update} onChange={(calendarId) => setDraft({ ...current, calendarId })}
            data={(calendars.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.name }))} />
          <Text size="sm" fw={500}>{t('duty.membersOnDuty')}</Text>
          {a.onDuty.length === 0 ? <Alert color="gray" p="xs">{t('duty.nobodyOnDuty')}</Alert> : (
            <Group gap="xs">{a.onDuty.map((m) => <Badge key={m.agentId} variant="light"><Bidi>{t('duty.openTickets', { name: m.name, open: formatNumber(m.openTickets, prefs) })}</Bidi></Badge>)}</Group>
          )}
          {a.abilities.update && <FormActions pending={save.isPending} error={save.error} label={t('duty.save')} />}
        </Stack>
      </form>
    </Paper>
  );
}
