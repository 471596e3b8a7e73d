import { useState, type ReactNode } from 'react';
import { Anchor, Badge, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { epochDayOf, parseIsoDate } from '@pishkhan/calendar';
import type { Contract, PenaltyReport } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { Bidi, ErrorAlert, TicketNumber, When } from '../shared/components.tsx';
import { formatDateTime, formatNumber } from '../shared/format.ts';
import { usePrefs } from '../shared/prefs.tsx';
import { formatSpan } from '../shared/sla.ts';
import { useDayLabel } from '../shared/calendar/JalaliDatePicker.tsx';
import { monthName, todayEpochDay } from '../shared/calendar/MonthView.tsx';
import { ADMIN_KEY, ListTable, PageTitle } from './admin-kit.tsx';
import { formatRials, jalaliMonthOf } from './contract-form.ts';
import { useAdminStrings } from './strings.ts';
import { useSlaStrings } from './sla-strings.ts';
import { useContractStrings } from './contract-strings.ts';

/** A Jalali month as a year and a month chooser (`YYYY-MM`), a few years either side of the contract. */
function MonthChooser({ value, onChange, years }: { value: string; onChange(v: string): void; years: number[] }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const [year, month] = value.split('-').map(Number) as [number, number];
  const set = (y: number, m: number) => onChange(`${y}-${String(m).padStart(2, '0')}`);
  return (
    <Group gap="xs" align="end">
      <Select w={160} label={t('contractsAdmin.month')} allowDeselect={false} value={String(month)} onChange={(m) => m && set(year, Number(m))}
        data={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: monthName('jalali', i + 1, prefs.language) }))} />
      <Select w={120} label={t('contractsAdmin.year')} allowDeselect={false} value={String(year)} onChange={(y) => y && set(Number(y), month)}
        data={years.map((y) => ({ value: String(y), label: formatNumber(y, prefs) }))} />
    </Group>
  );
}

function Figure({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={700} component="div" data-testid={testId}>{children}</Text>
    </Stack>
  );
}

function Report({ contract, period }: { contract: Contract; period: string }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const wholeContract = contract.penalties.capPeriod === 'contract';
  const report = useQuery({
    queryKey: [...ADMIN_KEY, 'contract-penalties', contract.id, contract.version, wholeContract ? 'contract' : period],
    queryFn: () => api.get<PenaltyReport>(`/admin/contracts/${contract.id}/penalties${wholeContract ? '' : `?period=${period}`}`),
  });
  const rials = (v: string) => t('contractsAdmin.amountRials', { amount: formatRials(v, prefs) });
  const r = report.data;
  return (
    <Paper withBorder p="md" component="section" aria-label={t('contractsAdmin.penaltyReport')}>
      <Stack>
        <Title order={3} size="h4">{t('contractsAdmin.penaltyReport')}</Title>
        <ErrorAlert error={report.error} />
        {r && (
          <>
            {/* The period's end is exclusive (the next day's start): its last day is shown. */}
            <Text size="sm" c="dimmed">{t('contractsAdmin.reportSpan', { from: formatDateTime(r.from, prefs, false), to: formatDateTime(new Date(Date.parse(r.to) - 1), prefs, false) })}</Text>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Figure label={t('contractsAdmin.breaches')} testId="penalty-breaches">{formatNumber(r.breaches, prefs)}</Figure>
              <Figure label={t('contractsAdmin.subtotal')}>{rials(r.subtotal)}</Figure>
              <Figure label={t('contractsAdmin.cap')}>{r.cap === null ? t('contractsAdmin.noCap') : rials(r.cap)}</Figure>
              <Figure label={t('contractsAdmin.total')}>
                <span data-testid="penalty-total" data-capped={r.capped}>{rials(r.total)}</span>
                {r.capped && <Badge ms="xs" variant="light" color="orange">{t('contractsAdmin.capApplied')}</Badge>}
              </Figure>
            </SimpleGrid>
            {r.lines.length === 0 ? <Text size="sm" c="dimmed">{t('contractsAdmin.noBreaches')}</Text> : (
              <ListTable label={t('contractsAdmin.breachLines')} minWidth={900}
                headers={[t('contractsAdmin.ticket'), t('contractsAdmin.target'), t('contractsAdmin.due'), t('contractsAdmin.met'), t('contractsAdmin.delay'), t('contractsAdmin.tier'), t('contractsAdmin.perBreach'), t('contractsAdmin.perHour'), t('contractsAdmin.amount')]}
                rows={r.lines.map((l) => [
                  <Anchor key="t" component={Link} to={`/tickets/${l.ticketId}`} size="sm"><TicketNumber value={`#${l.ticketId}`} /></Anchor>,
                  t(`contractsAdmin.targets.${l.target}`),
                  <When key="d" instant={l.dueAt} />,
                  l.metAt ? <When key="m" instant={l.metAt} /> : t('contractsAdmin.stillRunning'),
                  formatSpan(l.delayMinutes * 60_000, prefs),
                  l.tier === null ? t('contractsAdmin.baseRates') : formatNumber(l.tier, prefs),
                  formatRials(l.perBreach, prefs),
                  formatRials(l.perHour, prefs),
                  formatRials(l.amount, prefs),
                ])}
              />
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** A contract's terms in short and its penalty report for a Jalali month (the current one first). */
export default function ContractPage() {
  useAdminStrings();
  useSlaStrings();
  useContractStrings();
  const { t } = useTranslation();
  const prefs = usePrefs();
  const dayLabel = useDayLabel();
  const { id } = useParams();
  const [period, setPeriod] = useState(() => jalaliMonthOf(todayEpochDay('Asia/Tehran')));
  const contract = useQuery({ queryKey: [...ADMIN_KEY, 'contract', id], queryFn: () => api.get<Contract>(`/admin/contracts/${id}`) });
  const c = contract.data;
  const day = (iso: string) => dayLabel(epochDayOf(parseIsoDate(iso)));
  const thisYear = Number(period.slice(0, 4));
  const years = c ? Array.from({ length: c.endsOnJalali.year - c.startsOnJalali.year + 1 }, (_, i) => c.startsOnJalali.year + i) : [];
  if (!years.includes(thisYear)) years.push(thisYear);
  years.sort((a, b) => a - b);
  return (
    <Stack>
      <Anchor component={Link} to={c ? `/admin/contracts?organizationId=${c.organizationId}` : '/admin/contracts'} size="sm">{t('contractsAdmin.backToList')}</Anchor>
      <PageTitle>{c ? <Bidi>{c.name}</Bidi> : t('contractsAdmin.title')}</PageTitle>
      <ErrorAlert error={contract.error} />
      {c && (
        <>
          <Text size="sm">{t('contractsAdmin.periodText', { from: day(c.startsOn), to: day(c.endsOn) })}</Text>
          <Text size="sm">
            {t('contractsAdmin.termsSummary', { perBreach: formatRials(c.penalties.perBreach, prefs), perHour: formatRials(c.penalties.perHour, prefs) })}
            {' '}{c.penalties.cap !== null ? t('contractsAdmin.capSummary', { cap: formatRials(c.penalties.cap, prefs), period: t(`contractsAdmin.capPeriods.${c.penalties.capPeriod}`) }) : t('contractsAdmin.noCap')}
          </Text>
          {c.penalties.capPeriod === 'contract' ? <Text size="sm" c="dimmed">{t('contractsAdmin.wholeContractReport')}</Text> : <MonthChooser value={period} onChange={setPeriod} years={years} />}
          <Report contract={c} period={period} />
        </>
      )}
    </Stack>
  );
}
