import type { ReactNode } from 'react';
import { Alert, Badge, SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TicketStatus } from './ticket-words.ts';
import { ApiError } from './api.ts';
import { usePrefs } from './prefs.tsx';
import { formatDateTime, localDigits, relativeTime } from './format.ts';

/** Mixed-direction text (emails, ticket numbers, code, names from outside) is bidi-isolated. */
export function Bidi({ children }: { children: ReactNode }) {
  return <bdi>{children}</bdi>;
}

/** An API error in the user's language: the server renders its message from Accept-Language. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : t('common.networkError');
  return (
    <Alert color="red" role="alert" title={t('common.errorTitle')}>
      {message}
    </Alert>
  );
}

export function LanguageSwitch() {
  const { t } = useTranslation();
  const prefs = usePrefs();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('common.language')}
      value={prefs.language}
      onChange={(value) => prefs.update({ language: value === 'en' ? 'en' : 'fa' })}
      data={[
        { value: 'fa', label: t('common.languageFa') },
        { value: 'en', label: t('common.languageEn') },
      ]}
    />
  );
}

const STATUS_COLOR: Record<TicketStatus, string> = {
  new: 'blue',
  open: 'teal',
  pending_customer: 'yellow',
  pending_third_party: 'orange',
  resolved: 'green',
  closed: 'gray',
};

export function StatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light">
      {t(`status.${status}`)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: number }) {
  const { t } = useTranslation();
  const color = ['red', 'orange', 'blue', 'gray'][priority - 1] ?? 'gray';
  return (
    <Badge color={color} variant="outline">
      {t(`priority.${priority}`)}
    </Badge>
  );
}

/** "#10001" in the user's digits, isolated so it never flips inside Persian text. */
export function TicketNumber({ value }: { value: string }) {
  const prefs = usePrefs();
  return <bdi dir="ltr">{localDigits(value, prefs)}</bdi>;
}

export function When({ instant, relative = false }: { instant: string; relative?: boolean }) {
  const prefs = usePrefs();
  const full = formatDateTime(instant, prefs);
  return (
    <time dateTime={instant} title={full}>
      {relative ? relativeTime(instant, new Date(), prefs) : full}
    </time>
  );
}
