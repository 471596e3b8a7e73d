import { useState } from 'react';
import { Popover, TextInput } from '@mantine/core';
import { civilDateOf, isoDateOf } from '@pishkhan/calendar';
import { usePrefs } from '../prefs.tsx';
import { formatNumber } from '../format.ts';
import { MonthView, monthName } from './MonthView.tsx';

/** A civil date (epoch day) written in the user's calendar and digits, e.g. ۱۲ آذر ۱۴۰۵. */
export function useDayLabel() {
  const prefs = usePrefs();
  return (day: number) => {
    const d = civilDateOf(day, prefs.calendar);
    return `${formatNumber(d.day, prefs)} ${monthName(prefs.calendar, d.month, prefs.language)} ${formatNumber(d.year, prefs)}`;
  };
}

/** One date in Jalali (or the user's Gregorian), chosen on a Saturday-first month; value as ISO yyyy-mm-dd. */
export function JalaliDatePicker({ label, value, onChange }: { label: string; value: number | null; onChange(day: number, iso: string): void }) {
  const [opened, setOpened] = useState(false);
  const dayLabel = useDayLabel();
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" withRoles={false}>
      <Popover.Target>
        <TextInput label={label} readOnly value={value === null ? '' : dayLabel(value)} onClick={() => setOpened((o) => !o)} onKeyDown={(e) => e.key === 'Enter' && setOpened(true)} />
      </Popover.Target>
      <Popover.Dropdown>
        <MonthView initialDay={value ?? undefined} isSelected={(d) => d === value} onSelect={(d) => { onChange(d, isoDateOf(d)); setOpened(false); }} />
      </Popover.Dropdown>
    </Popover>
  );
}
