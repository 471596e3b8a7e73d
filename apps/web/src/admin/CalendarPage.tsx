import { useState } from 'react';
import { ActionIcon, Badge, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { civilDateOf, WEEKDAYS, type CalendarSystem } from '@pishkhan/calendar';
import type { Calendar, CalendarHoliday, CalendarMonth } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { Bidi, ErrorAlert } from '../shared/components.tsx';
import { formatNumber } from '../shared/format.ts';
import { usePrefs } from '../shared/prefs.tsx';
import { MonthView, monthName, type DayMark } from '../shared/calendar/MonthView.tsx';
import { JalaliDatePicker, useDayLabel } from '../shared/calendar/JalaliDatePicker.tsx';
import { ADMIN_KEY, FormActions, PageTitle } from './admin-kit.tsx';
import { epochDayOfCivil, markOf, weekDraftOf, weekOfDraft, type WeekDraft } from './calendar-form.ts';
import { useVersionedWrite } from './calendar-queries.ts';
import { useAdminStrings } from './strings.ts';
import { useSlaStrings } from './sla-strings.ts';

const civil = (day: number, calendar: CalendarSystem) => {
  const d = civilDateOf(day, calendar);
  return { calendar, year: d.year, month: d.month, day: d.day };
};

/** The month of the server's calendar (working hours, holidays, estimated ones) in the user's calendar. */
function CalendarMonthView({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const [view, setView] = useState<{ calendar: CalendarSystem; year: number; month: number } | null>(null);
  const month = useQuery({
    queryKey: [...ADMIN_KEY, 'calendar-month', calendar.id, calendar.version, view],
    queryFn: () => api.get<CalendarMonth>(`/admin/calendars/${calendar.id}/month?calendar=${view!.calendar}&year=${view!.year}&month=${view!.month}`),
    enabled: view !== null,
  });
  const days = new Map((month.data?.weeks ?? []).flat().map((d) => [epochDayOfCivil(d.gregorian), d]));
  const markDay = (day: number): DayMark | undefined => {
    const info = days.get(day);
    return info ? markOf(info, prefs.language, t('calendars.estimatedNote')) : undefined;
  };
  const kinds = ['working', 'off', 'holiday', 'estimated', 'closure', 'partial'] as const;
  return (
    <Paper withBorder p="md" component="section" aria-label={t('calendars.month')}>
      <Title order={3} size="h4" mb="xs">{t('calendars.month')}</Title>
      <ErrorAlert error={month.error} />
      <div style={{ maxWidth: 420 }}>
        <MonthView markDay={markDay} onViewChange={setView} />
      </div>
      <Group gap="xs" mt="xs" aria-label={t('calendars.legend')}>
        {kinds.map((k) => <Badge key={k} variant="light" color={{ working: 'gray', off: 'gray', holiday: 'red', estimated: 'orange', closure: 'grape', partial: 'yellow' }[k]}>{t(`calendars.kinds.${k}`)}</Badge>)}
      </Group>
    </Paper>
  );
}

/** Working hours per weekday: several intervals a day, none for a day off. */
function WeekEditor({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<WeekDraft>(() => weekDraftOf(calendar.week));
  const [invalid, setInvalid] = useState(false);
  const save = useVersionedWrite(() => api.patch(`/admin/calendars/${calendar.id}`, { version: calendar.version, week: weekOfDraft(draft).week }));
  const set = (d: keyof WeekDraft, ranges: [string, string][]) => setDraft({ ...draft, [d]: ranges });
  return (
    <Paper withBorder p="md" component="section" aria-label={t('calendars.week')}>
      <form onSubmit={(e) => { e.preventDefault(); const { invalid: bad } = weekOfDraft(draft); setInvalid(bad); if (!bad) save.mutate(undefined); }}>
        <Stack gap="xs">
          <Title order={3} size="h4">{t('calendars.week')}</Title>
          {WEEKDAYS.map((d) => (
            <Group key={d} gap="xs" align="center" data-weekday-row={d}>
              <Text size="sm" w={90}>{t(`calendars.weekdays.${d}`)}</Text>
              {draft[d].length === 0 && <Text size="sm" c="dimmed">{t('calendars.dayOff')}</Text>}
              {draft[d].map(([a, b], i) => (
                <Group key={i} gap={4} wrap="nowrap">
                  <TextInput size="xs" w={72} dir="ltr" aria-label={`${t(`calendars.weekdays.${d}`)} ${t('calendars.from')}`} value={a} onChange={(e) => set(d, draft[d].map((r, j) => (j === i ? [e.currentTarget.value, r[1]] : r)))} />
                  <Text size="xs">–</Text>
                  <TextInput size="xs" w={72} dir="ltr" aria-label={`${t(`calendars.weekdays.${d}`)} ${t('calendars.to')}`} value={b} onChange={(e) => set(d, draft[d].map((r, j) => (j === i ? [r[0], e.currentTarget.value] : r)))} />
                  <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('calendars.removeInterval')} onClick={() => set(d, draft[d].filter((_, j) => j !== i))}><IconTrash size={14} aria-hidden /></ActionIcon>
                </Group>
              ))}
              <ActionIcon size="sm" variant="light" aria-label={t('calendars.addInterval', { day: t(`calendars.weekdays.${d}`) })} onClick={() => set(d, [...draft[d], ['08:00', '16:00']])}><IconPlus size={14} aria-hidden /></ActionIcon>
            </Group>
          ))}
          {invalid && <Text size="sm" c="red" role="alert">{t('calendars.invalidTime')}</Text>}
          <FormActions pending={save.isPending} error={save.error} label={t('calendars.saveWeek')} />
        </Stack>
      </form>
    </Paper>
  );
}

function HolidayList({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const dayLabel = useDayLabel();
  const remove = useVersionedWrite((h: CalendarHoliday) => api.delete(`/admin/calendars/${calendar.id}/holidays/${h.id}?version=${calendar.version}`));
  const when = (h: CalendarHoliday) => h.yearly
    ? t('calendars.yearlyOn', { day: formatNumber(h.yearly.day, prefs), month: monthName('jalali', h.yearly.month, prefs.language) })
    : h.date ? dayLabel(epochDayOfCivil(h.date)) : '';
  return (
    <Stack gap="xs">
      <ErrorAlert error={remove.error} />
      {calendar.holidays.length === 0 && <Text size="sm" c="dimmed">{t('calendars.noHolidays')}</Text>}
      {calendar.holidays.map((h) => (
        <Group key={h.id} gap="xs" data-holiday={h.id}>
          <Badge variant="light" color={h.kind === 'closure' ? 'grape' : 'red'}>{t(`calendars.holidayKinds.${h.kind}`)}</Badge>
          <Text size="sm">{when(h)}</Text>
          {h.hours && <Text size="sm" dir="ltr">{h.hours.map(([a, b]) => `${a}–${b}`).join(', ')}</Text>}
          <Text size="sm" fw={500}><Bidi>{h.name[prefs.language]}</Bidi></Text>
          {h.region && <Text size="sm" c="dimmed"><Bidi>{h.region}</Bidi></Text>}
          <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('calendars.removeHoliday', { name: h.name[prefs.language] })} loading={remove.isPending} onClick={() => remove.mutate(h)}><IconTrash size={14} aria-hidden /></ActionIcon>
        </Group>
      ))}
    </Stack>
  );
}

/** A holiday on a Jalali date (picked in the user's calendar), once or every year. */
function AddHoliday({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const [day, setDay] = useState<number | null>(null);
  const [yearly, setYearly] = useState(false);
  const [fa, setFa] = useState('');
  const [en, setEn] = useState('');
  const add = useVersionedWrite(() => {
    const jalali = civilDateOf(day!, 'jalali');
    const name = { fa: fa.trim(), en: en.trim() || fa.trim() };
    return api.post(`/admin/calendars/${calendar.id}/holidays`, yearly
      ? { version: calendar.version, yearly: { month: jalali.month, day: jalali.day }, name }
      : { version: calendar.version, date: civil(day!, calendar.displayCalendar), name });
  }, () => { setDay(null); setFa(''); setEn(''); setYearly(false); });
  return (
    <form onSubmit={(e) => { e.preventDefault(); if (day !== null) add.mutate(undefined); }} aria-label={t('calendars.newHoliday')}>
      <Stack gap="xs">
        <Title order={4} size="h5">{t('calendars.newHoliday')}</Title>
        <Group align="end">
          <JalaliDatePicker label={t('calendars.date')} value={day} onChange={(d) => setDay(d)} />
          <TextInput label={t('calendars.nameFa')} value={fa} onChange={(e) => setFa(e.currentTarget.value)} required />
          <TextInput label={t('calendars.nameEn')} dir="ltr" value={en} onChange={(e) => setEn(e.currentTarget.value)} />
        </Group>
        <Checkbox label={t('calendars.yearly')} checked={yearly} onChange={(e) => setYearly(e.currentTarget.checked)} />
        <FormActions pending={add.isPending} error={add.error} label={t('calendars.addHoliday')} />
      </Stack>
    </form>
  );
}

/** An unplanned closure (snow, pollution): a date, optional closed hours, a region note, a reason. */
function AddClosure({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const blank = { day: null as number | null, from: '', to: '', region: '', reason: '', reasonEn: '' };
  const [draft, setDraft] = useState(blank);
  const add = useVersionedWrite(() => {
    const reason = draft.reason.trim();
    return api.post(`/admin/calendars/${calendar.id}/closures`, {
      version: calendar.version,
      date: civil(draft.day!, calendar.displayCalendar),
      ...(draft.from.trim() && draft.to.trim() ? { hours: [[draft.from.trim(), draft.to.trim()]] } : {}),
      ...(draft.region.trim() ? { region: draft.region.trim() } : {}),
      ...(reason ? { name: { fa: reason, en: draft.reasonEn.trim() || reason } } : {}),
    });
  }, () => setDraft(blank));
  return (
    <form onSubmit={(e) => { e.preventDefault(); if (draft.day !== null) add.mutate(undefined); }} aria-label={t('calendars.newClosure')}>
      <Stack gap="xs">
        <Title order={4} size="h5">{t('calendars.newClosure')}</Title>
        <Group align="end">
          <JalaliDatePicker label={t('calendars.date')} value={draft.day} onChange={(d) => setDraft({ ...draft, day: d })} />
          <TextInput label={t('calendars.region')} value={draft.region} onChange={(e) => setDraft({ ...draft, region: e.currentTarget.value })} />
        </Group>
        <Text size="sm">{t('calendars.closureHours')}</Text>
        <Group gap="xs">
          <TextInput size="xs" w={80} dir="ltr" label={t('calendars.from')} placeholder="08:00" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
          <TextInput size="xs" w={80} dir="ltr" label={t('calendars.to')} placeholder="12:00" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
        </Group>
        <Group grow>
          <TextInput label={t('calendars.reason')} value={draft.reason} onChange={(e) => setDraft({ ...draft, reason: e.currentTarget.value })} />
          <TextInput label={t('calendars.reasonEn')} dir="ltr" value={draft.reasonEn} onChange={(e) => setDraft({ ...draft, reasonEn: e.currentTarget.value })} />
        </Group>
        <FormActions pending={add.isPending} error={add.error} label={t('calendars.addClosure')} />
      </Stack>
    </form>
  );
}

/** One calendar: its month (working days, holidays, estimated ones, closures), hours, holidays, closures. */
export default function CalendarPage() {
  useAdminStrings();
  useSlaStrings();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const query = useQuery({ queryKey: [...ADMIN_KEY, 'calendar', id], queryFn: () => api.get<Calendar>(`/admin/calendars/${id}`) });
  const remove = useVersionedWrite(() => api.delete(`/admin/calendars/${id}?version=${query.data!.version}`), () => navigate('/admin/calendars'));
  const calendar = query.data;
  if (query.error) return <ErrorAlert error={query.error} />;
  if (!calendar) return null;
  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle><Bidi>{calendar.name}</Bidi></PageTitle>
        <Group gap="xs">
          {calendar.builtIn && <Badge variant="light">{t('calendars.builtIn')}</Badge>}
          <Text size="sm" c="dimmed" dir="ltr">{calendar.timeZone}</Text>
          {!calendar.builtIn && calendar.abilities.delete && <Button size="xs" color="red" variant="light" loading={remove.isPending} onClick={() => remove.mutate(undefined)}>{t('calendars.delete')}</Button>}
        </Group>
      </Group>
      <ErrorAlert error={remove.error} />
      <CalendarMonthView calendar={calendar} />
      {/* Not keyed by version: a refetch after a stale save keeps the draft for the next submit. */}
      <WeekEditor calendar={calendar} />
      <Paper withBorder p="md" component="section" aria-label={t('calendars.holidays')}>
        <Stack>
          <Title order={3} size="h4">{t('calendars.holidays')}</Title>
          <HolidayList calendar={calendar} />
          <AddHoliday calendar={calendar} />
          <AddClosure calendar={calendar} />
        </Stack>
      </Paper>
    </Stack>
  );
}
