import { useState } from 'react';
import { Badge, Button, Group, NumberInput, Paper, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { civilDateOf } from '@pishkhan/calendar';
import type { HijriConfirmation } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { Bidi, ErrorAlert } from '../shared/components.tsx';
import { formatNumber } from '../shared/format.ts';
import { usePrefs } from '../shared/prefs.tsx';
import { JalaliDatePicker, useDayLabel } from '../shared/calendar/JalaliDatePicker.tsx';
import { epochDayOfCivil } from './calendar-form.ts';
import { ADMIN_KEY, FormActions, ListTable, PageTitle, useAdminWrite } from './admin-kit.tsx';
import { useCalendars } from './calendar-queries.ts';
import { useAdminStrings } from './strings.ts';
import { useSlaStrings } from './sla-strings.ts';

export const ZONES = ['Asia/Tehran', 'UTC', 'Asia/Dubai', 'Europe/Berlin'];

function CreateCalendar() {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const blank = { name: '', timeZone: 'Asia/Tehran', displayCalendar: prefs.calendar, officialHolidays: true };
  const [draft, setDraft] = useState(blank);
  const create = useAdminWrite(() => api.post('/admin/calendars', { ...draft, name: draft.name.trim() }), () => setDraft(blank));
  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(undefined); }}>
        <Stack>
          <Title order={3} size="h4">{t('calendars.new')}</Title>
          <Group grow align="start">
            <TextInput label={t('calendars.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} required />
            <Select label={t('calendars.timeZone')} data={ZONES} value={draft.timeZone} allowDeselect={false} onChange={(v) => v && setDraft({ ...draft, timeZone: v })} />
            <Select label={t('calendars.displayCalendar')} value={draft.displayCalendar} allowDeselect={false} onChange={(v) => setDraft({ ...draft, displayCalendar: v === 'gregorian' ? 'gregorian' : 'jalali' })}
              data={[{ value: 'jalali', label: t('preferences.jalali') }, { value: 'gregorian', label: t('preferences.gregorian') }]} />
          </Group>
          <Switch label={t('calendars.officialHolidays')} checked={draft.officialHolidays} onChange={(e) => setDraft({ ...draft, officialHolidays: e.currentTarget.checked })} />
          <FormActions pending={create.isPending} error={create.error} label={t('admin.create')} />
        </Stack>
      </form>
    </Paper>
  );
}

/** "Hijri month M of year Y starts on <Jalali date>": one step, the server moves the official holidays. */
function HijriConfirmations() {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const dayLabel = useDayLabel();
  const list = useQuery({ queryKey: [...ADMIN_KEY, 'hijri'], queryFn: () => api.get<{ items: HijriConfirmation[] }>('/admin/calendars/hijri-confirmations') });
  // About this Hijri year (H ≈ (G − 622) × 33/32): a starting value the admin corrects.
  const [year, setYear] = useState<number | string>(Math.round((new Date().getUTCFullYear() - 622) * (33 / 32)));
  const [month, setMonth] = useState<string | null>(null);
  const [day, setDay] = useState<number | null>(null);
  const confirm = useAdminWrite(() => {
    const d = civilDateOf(day!, 'jalali');
    return api.post('/admin/calendars/hijri-confirmations', { hijriYear: Number(year), hijriMonth: Number(month), startsOn: { calendar: 'jalali', year: d.year, month: d.month, day: d.day } });
  }, () => { setMonth(null); setDay(null); });
  const ready = month !== null && day !== null && Number(year) > 0;
  return (
    <Paper withBorder p="md" component="section" aria-label={t('calendars.hijri')}>
      <form onSubmit={(e) => { e.preventDefault(); if (ready) confirm.mutate(undefined); }}>
        <Stack>
          <Title order={3} size="h4">{t('calendars.hijri')}</Title>
          <Text size="sm" c="dimmed">{t('calendars.hijriIntro')}</Text>
          <Group align="end">
            <Select label={t('calendars.hijriMonth')} w={180} value={month} onChange={setMonth} required
              data={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: t(`calendars.hijriMonths.${i + 1}`) }))} />
            <NumberInput label={t('calendars.hijriYear')} w={120} value={year} onChange={setYear} min={1300} max={1600} hideControls required />
            <JalaliDatePicker label={t('calendars.startsOn')} value={day} onChange={(d) => setDay(d)} />
          </Group>
          {ready && <Text size="sm" data-testid="hijri-sentence">{t('calendars.hijriSentence', { month: t(`calendars.hijriMonths.${month}`), year: formatNumber(Number(year), prefs), date: dayLabel(day) })}</Text>}
          <FormActions pending={confirm.isPending} error={confirm.error} label={t('calendars.confirmHijri')} />
        </Stack>
      </form>
      <ErrorAlert error={list.error} />
      {(list.data?.items ?? []).length === 0 ? <Text size="sm" c="dimmed" mt="sm">{t('calendars.noConfirmations')}</Text> : (
        <Stack gap={2} mt="sm">
          {list.data!.items.map((c) => (
            <Text key={`${c.hijriYear}-${c.hijriMonth}`} size="sm">
              {t('calendars.hijriSentence', { month: t(`calendars.hijriMonths.${c.hijriMonth}`), year: formatNumber(c.hijriYear, prefs), date: dayLabel(epochDayOfCivil(prefs.calendar === 'jalali' ? c.startsOn.jalali : c.startsOn.gregorian)) })}
              {' '}<Text span c="dimmed" size="xs">{t('calendars.previously', { date: dayLabel(epochDayOfCivil(c.previously.jalali)) })}</Text>
            </Text>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/** Admin → Calendars: the list (built-in 24×7 and Tehran, others), a new one, Hijri month confirmations. */
export default function CalendarsPage() {
  useAdminStrings();
  useSlaStrings();
  const { t } = useTranslation();
  const list = useCalendars();
  return (
    <Stack>
      <PageTitle>{t('calendars.title')}</PageTitle>
      <ErrorAlert error={list.error} />
      <ListTable
        label={t('calendars.title')}
        headers={[t('calendars.name'), t('calendars.timeZone'), t('calendars.officialHolidays'), t('adminPages.actions')]}
        rows={(list.data?.items ?? []).map((c) => [
          <Group key="n" gap="xs"><Bidi>{c.name}</Bidi>{c.builtIn && <Badge variant="light">{t('calendars.builtIn')}</Badge>}</Group>,
          <bdi key="z" dir="ltr">{c.timeZone}</bdi>,
          c.officialHolidays ? t('common.yes') : t('common.no'),
          <Button key="o" size="xs" variant="light" component={Link} to={`/admin/calendars/${c.id}`} aria-label={t('calendars.openNamed', { name: c.name })}>{t('calendars.open')}</Button>,
        ])}
      />
      <CreateCalendar />
      <HijriConfirmations />
    </Stack>
  );
}
