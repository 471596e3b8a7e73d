import { useState } from 'react';
import { Popover, TextInput } from '@mantine/core';
import { MonthView } from './MonthView.tsx';
import { useDayLabel } from './JalaliDatePicker.tsx';

export type DayRange = { from: number; to: number };

/** A range of civil dates: the first click starts it, the second ends it (in either order). */
export function DateRangePicker({ label, value, onChange }: { label: string; value: DayRange | null; onChange(range: DayRange): void }) {
  const [opened, setOpened] = useState(false);
  const [first, setFirst] = useState<number | null>(null);
  const dayLabel = useDayLabel();
  const text = value ? `${dayLabel(value.from)} – ${dayLabel(value.to)}` : '';
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" withRoles={false}>
      <Popover.Target>
        <TextInput label={label} readOnly value={text} onClick={() => setOpened((o) => !o)} />
      </Popover.Target>
      <Popover.Dropdown>
        <MonthView
          initialDay={value?.from}
          isSelected={(d) => (first !== null ? d === first : value !== null && d >= value.from && d <= value.to)}
          onSelect={(d) => {
            if (first === null) setFirst(d);
            else {
              onChange({ from: Math.min(first, d), to: Math.max(first, d) });
              setFirst(null);
              setOpened(false);
            }
          }}
        />
      </Popover.Dropdown>
    </Popover>
  );
}
