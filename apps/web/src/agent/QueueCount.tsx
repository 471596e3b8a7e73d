import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../shared/format.ts';
import { usePrefs } from '../shared/prefs.tsx';

/**
 * A queue's count in the sidebar, in the user's digits. The server counts a view only up to a cap
 * (ADR 0027): past it, "1,000+" ("۱٬۰۰۰+" in fa — the plus follows the number in reading order,
 * so it sits left of it in RTL) with a title saying it is at least that many.
 */
export function QueueCount({ count, capped }: { count: number; capped: boolean }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const shown = formatCount(count, prefs);
  const title = capped ? t('agent.ticketCountAtLeast', { value: shown }) : t('agent.ticketCount', { count, value: shown });
  return (
    <Text size="xs" c="dimmed" component="span" title={title} data-capped={capped || undefined}>
      {capped ? `${shown}+` : shown}
    </Text>
  );
}
