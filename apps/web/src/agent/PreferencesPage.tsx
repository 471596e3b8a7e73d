import { Select, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../shared/prefs.tsx';
import { MonthView } from '../shared/calendar/MonthView.tsx';
import { AwayStatus } from '../admin/DutyPanels.tsx';

const ZONES = ['Asia/Tehran', 'UTC', 'Europe/Berlin', 'Asia/Dubai'];

/** The user's own language, calendar, digits, time zone and theme (saved to /me/preferences). */
export default function PreferencesPage() {
  const { t } = useTranslation();
  const prefs = usePrefs();
  return (
    <Stack maw={420}>
      <Title order={2} size="h3">{t('preferences.title')}</Title>
      <Select label={t('preferences.language')} value={prefs.language} allowDeselect={false} onChange={(v) => prefs.update({ language: v === 'en' ? 'en' : 'fa' })} data={[{ value: 'fa', label: t('common.languageFa') }, { value: 'en', label: t('common.languageEn') }]} />
      <Select label={t('preferences.calendar')} value={prefs.calendar} allowDeselect={false} onChange={(v) => prefs.update({ calendar: v === 'gregorian' ? 'gregorian' : 'jalali' })} data={[{ value: 'jalali', label: t('preferences.jalali') }, { value: 'gregorian', label: t('preferences.gregorian') }]} />
      <Select label={t('preferences.digits')} value={prefs.digits} allowDeselect={false} onChange={(v) => prefs.update({ digits: v === 'latin' ? 'latin' : 'persian' })} data={[{ value: 'persian', label: t('preferences.persianDigits') }, { value: 'latin', label: t('preferences.latinDigits') }]} />
      <Select label={t('preferences.timeZone')} value={prefs.timeZone} allowDeselect={false} onChange={(v) => v && prefs.update({ timeZone: v })} data={ZONES} />
      <Select label={t('preferences.theme')} value={prefs.theme} allowDeselect={false} onChange={(v) => prefs.update({ theme: v === 'dark' ? 'dark' : 'light' })} data={[{ value: 'light', label: t('preferences.light') }, { value: 'dark', label: t('preferences.dark') }]} />
      <AwayStatus />
      <MonthView />
    </Stack>
  );
}
