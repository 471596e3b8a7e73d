import { ActionIcon, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Agent, Organization, SlaPolicy } from '@pishkhan/contracts';
import { formatNumber } from '../shared/format.ts';
import { usePrefs } from '../shared/prefs.tsx';
import { DateRangePicker } from '../shared/calendar/DateRangePicker.tsx';
import { ConditionEditor, FilterText } from './RuleConditions.tsx';
import { formatRials, moveItem, parseRials, type ContractDraft, type DraftProblem, type RuleDraft, type TierDraft } from './contract-form.ts';

export type ContractChoices = { organizations: Organization[]; policies: SlaPolicy[]; agents: Agent[] };

/** An amount in Rials typed in any digits; on leaving the field it is shown grouped in the user's digits. */
function AmountInput({ label, value, onChange, size }: { label: string; value: string; onChange(v: string): void; size?: 'xs' }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  return (
    <TextInput
      label={label} size={size} w={size ? 150 : undefined} inputMode="numeric" dir="ltr" value={value} rightSection={<Text size="xs" c="dimmed">{t('contractsAdmin.rial')}</Text>} rightSectionWidth={48}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={() => { const parsed = parseRials(value); if (parsed) onChange(formatRials(parsed, prefs)); }}
    />
  );
}

/** What is wrong with the draft, in the user's language (the same words the server would answer with). */
export function DraftProblemText({ problem }: { problem: DraftProblem | null }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  if (!problem) return null;
  const field = 'field' in problem ? t(`contractsAdmin.fieldNames.${problem.field}`) : '';
  const index = formatNumber('index' in problem && problem.index !== undefined ? problem.index : 0, prefs);
  return <Text size="sm" c="red" role="alert">{t(`contractsAdmin.problems.${problem.problem}`, { field, index })}</Text>;
}

function RulesEditor({ rules, policies, onChange }: { rules: RuleDraft[]; policies: SlaPolicy[]; onChange(r: RuleDraft[]): void }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const set = (i: number, next: Partial<RuleDraft>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...next } : r)));
  return (
    <Stack gap="xs" component="section" aria-label={t('contractsAdmin.rules')}>
      <Text size="sm" fw={500}>{t('contractsAdmin.rules')}</Text>
      <Text size="xs" c="dimmed">{t('contractsAdmin.rulesIntro')}</Text>
      {rules.map((r, i) => (
        <Paper key={i} withBorder p="xs" data-rule={i}>
          <Stack gap="xs">
            <Group justify="space-between">
              <Text size="sm" fw={500}>{t('contractsAdmin.ruleNumber', { number: formatNumber(i + 1, prefs) })}</Text>
              <Group gap={4}>
                <ActionIcon variant="subtle" disabled={i === 0} aria-label={t('slaAdmin.moveUp')} onClick={() => onChange(moveItem(rules, i, -1))}><IconArrowUp size={14} aria-hidden /></ActionIcon>
                <ActionIcon variant="subtle" disabled={i === rules.length - 1} aria-label={t('slaAdmin.moveDown')} onClick={() => onChange(moveItem(rules, i, 1))}><IconArrowDown size={14} aria-hidden /></ActionIcon>
                <ActionIcon variant="subtle" color="red" aria-label={t('slaAdmin.deleteRule')} onClick={() => onChange(rules.filter((_, j) => j !== i))}><IconTrash size={14} aria-hidden /></ActionIcon>
              </Group>
            </Group>
            {r.conditions ? <ConditionEditor value={r.conditions} onChange={(conditions) => set(i, { conditions })} /> : <FilterText rule={r} />}
            <Select size="xs" w={260} label={t('slaAdmin.policy')} required value={r.policyId} onChange={(policyId) => set(i, { policyId })} data={policies.map((p) => ({ value: String(p.id), label: p.name }))} />
          </Stack>
        </Paper>
      ))}
      <Group><Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onChange([...rules, { conditions: [], filter: { all: [] }, policyId: null }])}>{t('contractsAdmin.addRule')}</Button></Group>
    </Stack>
  );
}

function TiersEditor({ draft, setDraft }: { draft: ContractDraft; setDraft(d: ContractDraft): void }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const set = (i: number, next: Partial<TierDraft>) => setDraft({ ...draft, tiers: draft.tiers.map((x, j) => (j === i ? { ...x, ...next } : x)) });
  const fromLabel = t(`contractsAdmin.tierFrom.${draft.tierBasis}`);
  return (
    <Stack gap="xs" component="section" aria-label={t('contractsAdmin.tiers')}>
      <Text size="sm" fw={500}>{t('contractsAdmin.tiers')}</Text>
      <Text size="xs" c="dimmed">{t('contractsAdmin.tiersIntro')}</Text>
      {draft.tiers.map((tier, i) => (
        <Group key={i} gap="xs" align="end" data-tier={i}>
          <TextInput size="xs" w={130} inputMode="numeric" dir="ltr" label={`${fromLabel} (${t('contractsAdmin.tierNumber', { number: formatNumber(i + 1, prefs) })})`} value={tier.from} onChange={(e) => set(i, { from: e.currentTarget.value })} />
          <AmountInput size="xs" label={`${t('contractsAdmin.perBreach')} (${t('contractsAdmin.tierNumber', { number: formatNumber(i + 1, prefs) })})`} value={tier.perBreach} onChange={(perBreach) => set(i, { perBreach })} />
          <AmountInput size="xs" label={`${t('contractsAdmin.perHour')} (${t('contractsAdmin.tierNumber', { number: formatNumber(i + 1, prefs) })})`} value={tier.perHour} onChange={(perHour) => set(i, { perHour })} />
          <ActionIcon variant="subtle" color="red" aria-label={t('contractsAdmin.removeTier', { number: formatNumber(i + 1, prefs) })} onClick={() => setDraft({ ...draft, tiers: draft.tiers.filter((_, j) => j !== i) })}><IconTrash size={14} aria-hidden /></ActionIcon>
        </Group>
      ))}
      <Group><Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setDraft({ ...draft, tiers: [...draft.tiers, { from: '', perBreach: draft.perBreach, perHour: draft.perHour }] })}>{t('contractsAdmin.addTier')}</Button></Group>
    </Stack>
  );
}

/** The contract form's fields; the organisation is fixed once the contract exists. */
export function ContractFields({ draft, setDraft, choices, existing }: { draft: ContractDraft; setDraft(d: ContractDraft): void; choices: ContractChoices; existing: boolean }) {
  const { t } = useTranslation();
  const managers = choices.agents.filter((a) => (a.active && a.roles.includes('crm')) || String(a.id) === draft.accountManagerId);
  return (
    <>
      <Group grow align="start">
        <Select label={t('contractsAdmin.organization')} required disabled={existing} searchable value={draft.organizationId} onChange={(organizationId) => setDraft({ ...draft, organizationId })}
          data={choices.organizations.map((o) => ({ value: String(o.id), label: o.name }))} />
        <TextInput label={t('contractsAdmin.name')} required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
      </Group>
      <Group grow align="start">
        <DateRangePicker label={t('contractsAdmin.period')} value={draft.period} onChange={(period) => setDraft({ ...draft, period })} />
        <Select label={t('contractsAdmin.policy')} required value={draft.policyId} onChange={(policyId) => setDraft({ ...draft, policyId })} data={choices.policies.map((p) => ({ value: String(p.id), label: p.name }))} />
        <Select label={t('contractsAdmin.accountManager')} clearable placeholder={existing ? t('contractsAdmin.noAccountManager') : t('contractsAdmin.organizationsManager')} value={draft.accountManagerId}
          onChange={(accountManagerId) => setDraft({ ...draft, accountManagerId })} data={managers.map((a) => ({ value: String(a.id), label: a.name }))} />
      </Group>
      <RulesEditor rules={draft.rules} policies={choices.policies} onChange={(rules) => setDraft({ ...draft, rules })} />
      <Stack gap="xs" component="section" aria-label={t('contractsAdmin.penalties')}>
        <Title order={4} size="h5">{t('contractsAdmin.penalties')}</Title>
        <Group grow align="start">
          <AmountInput label={t('contractsAdmin.perBreach')} value={draft.perBreach} onChange={(perBreach) => setDraft({ ...draft, perBreach })} />
          <AmountInput label={t('contractsAdmin.perHour')} value={draft.perHour} onChange={(perHour) => setDraft({ ...draft, perHour })} />
          <Select label={t('contractsAdmin.tierBasis')} allowDeselect={false} value={draft.tierBasis} onChange={(v) => setDraft({ ...draft, tierBasis: v === 'breach_count' ? 'breach_count' : 'delay_hours' })}
            data={(['delay_hours', 'breach_count'] as const).map((b) => ({ value: b, label: t(`contractsAdmin.tierBases.${b}`) }))} />
        </Group>
        <TiersEditor draft={draft} setDraft={setDraft} />
        <Group grow align="start">
          <AmountInput label={t('contractsAdmin.cap')} value={draft.cap} onChange={(cap) => setDraft({ ...draft, cap })} />
          <Select label={t('contractsAdmin.capPeriod')} allowDeselect={false} value={draft.capPeriod} onChange={(v) => setDraft({ ...draft, capPeriod: v === 'contract' ? 'contract' : 'jalali_month' })}
            data={(['jalali_month', 'contract'] as const).map((p) => ({ value: p, label: t(`contractsAdmin.capPeriods.${p}`) }))} />
        </Group>
        <Text size="xs" c="dimmed">{t('contractsAdmin.capHint')}</Text>
      </Stack>
    </>
  );
}
