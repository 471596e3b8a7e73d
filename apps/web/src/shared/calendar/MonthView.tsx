import { useEffect, useState } from 'react';
import { ActionIcon, Group, Text, UnstyledButton } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { civilDateOf, monthGrid, type CalendarSystem } from '@pishkhan/calendar';
import { usePrefs } from '../prefs.tsx';
import { formatNumber } from '../format.ts';

const JALALI_MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
const JALALI_MONTHS_EN = ['Farvardin', 'Ordibehesht', 'Khordad', 'Tir', 'Mordad', 'Shahrivar', 'Mehr', 'Aban', 'Azar', 'Dey', 'Bahman', 'Esfand'];

export function todayEpochDay(timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return Math.floor(Date.parse(`${parts}T00:00:00Z`) / 86_400_000);
}

export function monthName(calendar: CalendarSystem, month: number, language: 'fa' | 'en'): string {
  if (calendar === 'jalali') return (language === 'fa' ? JALALI_MONTHS : JALALI_MONTHS_EN)[month - 1] ?? '';
  return new Intl.DateTimeFormat(language === 'fa' ? 'fa-IR' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, month - 1, 1));
}

/** How a day is marked (an admin's calendar view): its kind as a data attribute and colour, its label as the title. */
export type DayMark = { kind: 'working' | 'off' | 'holiday' | 'estimated' | 'closure' | 'partial'; label: string };
const MARK_COLOR: Record<DayMark['kind'], string | undefined> = {
  working: undefined,
  off: 'var(--mantine-color-gray-light)',
  holiday: 'var(--mantine-color-red-light)',
  estimated: 'var(--mantine-color-orange-light)',
  closure: 'var(--mantine-color-grape-light)',
  partial: 'var(--mantine-color-yellow-light)',
};

/**
 * A Saturday-first month in the user's calendar (Jalali or Gregorian) and digits, laid out by the
 * document's direction. Days are epoch days (packages/calendar); `isSelected` marks a date or range;
 * `markDay` colours days (holidays, days off) and `onViewChange` tells which month is shown.
 */
export function MonthView({ initialDay, isSelected, onSelect, markDay, onViewChange }: {
  initialDay?: number;
  isSelected?: (day: number) => boolean;
  onSelect?: (day: number) => void;
  markDay?: (day: number) => DayMark | undefined;
  onViewChange?: (view: { calendar: CalendarSystem; year: number; month: number }) => void;
}) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const calendar: CalendarSystem = prefs.calendar;
  const start = civilDateOf(initialDay ?? todayEpochDay(prefs.timeZone), calendar);
  const [view, setView] = useState({ year: start.year, month: start.month });
  const grid = monthGrid(calendar, view.year, view.month);
  useEffect(() => onViewChange?.({ calendar, ...view }), [calendar, view.year, view.month]);
  const step = (delta: number) => setView((v) => {
    const index = v.year * 12 + (v.month - 1) + delta;
    return { year: Math.floor(index / 12), month: (index % 12) + 1 };
  });
  const weekdays = ['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'] as const;
  return (
    <div role="group" aria-label={t('calendar.month')} data-testid="month-view">
      <Group justify="space-between" mb={4}>
        <ActionIcon variant="subtle" onClick={() => step(-1)} aria-label={t('calendar.previous')}>
          <IconChevronLeft size={16} aria-hidden className="mirror-in-rtl" />
        </ActionIcon>
        <Text fw={700}>{monthName(calendar, view.month, prefs.language)} {formatNumber(view.year, prefs)}</Text>
        <ActionIcon variant="subtle" onClick={() => step(1)} aria-label={t('calendar.next')}>
          <IconChevronRight size={16} aria-hidden className="mirror-in-rtl" />
        </ActionIcon>
      </Group>
      <div className="month-view">
        {weekdays.map((d) => <Text key={d} size="xs" c="dimmed" data-weekday={d}>{t(`calendar.weekday.${d}`)}</Text>)}
        {grid.weeks.flat().map((day) => {
          const date = calendar === 'jalali' ? day.jalali : day.gregorian;
          const selected = isSelected?.(day.epochDay) ?? false;
          const mark = markDay?.(day.epochDay);
          return (
            <UnstyledButton
              key={day.epochDay}
              aria-pressed={selected}
              data-day={day.epochDay}
              data-mark={mark?.kind}
              title={mark?.label || undefined}
              onClick={() => onSelect?.(day.epochDay)}
              style={{ background: selected ? 'var(--mantine-primary-color-light)' : mark ? MARK_COLOR[mark.kind] : undefined, borderRadius: 4 }}
            >
              <Text size="sm" c={day.inMonth ? undefined : 'dimmed'}>{formatNumber(date.day, prefs)}</Text>
            </UnstyledButton>
          );
        })}
      </div>
    </div>
  );
}
