import { ActionIcon, Button, Group, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Group as DeskGroup, SlaRule } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { Bidi } from '../shared/components.tsx';
import { PRIORITIES, TYPES } from '../shared/ticket-words.ts';
import { useList } from './admin-kit.tsx';
import { conditionsOfFilter, RULE_FIELDS, type ConditionDraft } from './sla-form.ts';

/**
 * The simple rule editor (conditions joined by and) and a stored filter in words, shared by the SLA
 * rules and the contracts' rules; their strings are slaAdmin's (sla-strings.ts).
 */
const CHANNELS = ['portal', 'email', 'phone', 'sms', 'api', 'agent'];

export function ConditionEditor({ value, onChange }: { value: ConditionDraft[]; onChange(c: ConditionDraft[]): void }) {
  const { t } = useTranslation();
  const groups = useList<DeskGroup>('/groups?limit=200');
  const categories = useQuery({ queryKey: ['categories'], queryFn: () => api.get<{ items: { id: number; name: string }[] }>('/categories'), staleTime: 60_000 });
  const options = (field: string) => {
    if (field === 'priority') return PRIORITIES.map((p) => ({ value: String(p), label: t(`priority.${p}`) }));
    if (field === 'type') return TYPES.map((x) => ({ value: x, label: t(`type.${x}`) }));
    if (field === 'channel') return CHANNELS.map((x) => ({ value: x, label: t(`channel.${x}`) }));
    if (field === 'group') return (groups.data?.items ?? []).map((g) => ({ value: String(g.id), label: g.name }));
    if (field === 'category') return (categories.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.name }));
    return null;
  };
  const set = (i: number, next: Partial<ConditionDraft>) => onChange(value.map((c, j) => (j === i ? { ...c, ...next } : c)));
  return (
    <Stack gap="xs">
      {value.length === 0 && <Text size="sm" c="dimmed">{t('slaAdmin.everyTicket')}</Text>}
      {value.map((c, i) => {
        const list = c.op === 'in' || c.op === 'not_in';
        const choices = options(c.field);
        return (
          <Group key={i} gap="xs" align="end" data-condition={i}>
            <Select size="xs" w={150} label={t('slaAdmin.field')} allowDeselect={false} value={c.field} onChange={(f) => f && set(i, { field: f, value: [] })}
              data={RULE_FIELDS.map((f) => ({ value: f, label: t(`slaAdmin.fields.${f}`) }))} />
            <Select size="xs" w={130} label={t('slaAdmin.op')} allowDeselect={false} value={c.op} onChange={(op) => op && set(i, { op: op as ConditionDraft['op'], value: c.value.slice(0, op === 'in' || op === 'not_in' ? undefined : 1) })}
              data={(['eq', 'neq', 'in', 'not_in'] as const).map((o) => ({ value: o, label: t(`slaAdmin.ops.${o}`) }))} />
            {choices && list && <MultiSelect size="xs" w={240} label={t('slaAdmin.value')} data={choices} value={c.value} onChange={(v) => set(i, { value: v })} />}
            {choices && !list && <Select size="xs" w={200} label={t('slaAdmin.value')} data={choices} value={c.value[0] ?? null} onChange={(v) => set(i, { value: v ? [v] : [] })} />}
            {!choices && <TextInput size="xs" w={200} label={t('slaAdmin.value')} description={list ? t('slaAdmin.valueHint') : undefined} value={c.value.join(', ')}
              onChange={(e) => set(i, { value: e.currentTarget.value.split(/[,،]/).map((s) => s.trim()).filter(Boolean) })} />}
            <ActionIcon variant="subtle" color="red" aria-label={t('slaAdmin.removeCondition')} onClick={() => onChange(value.filter((_, j) => j !== i))}><IconTrash size={14} aria-hidden /></ActionIcon>
          </Group>
        );
      })}
      <Group><Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onChange([...value, { field: 'priority', op: 'eq', value: [] }])}>{t('slaAdmin.addCondition')}</Button></Group>
    </Stack>
  );
}

/** Words for a stored filter: the flat conditions this editor writes, else its JSON. */
export function FilterText({ rule }: { rule: Pick<SlaRule, 'filter'> }) {
  const { t } = useTranslation();
  const conditions = conditionsOfFilter(rule.filter);
  if (!conditions) return <Text size="xs" dir="ltr"><bdi>{JSON.stringify(rule.filter)}</bdi></Text>;
  if (conditions.length === 0) return <Text size="sm">{t('slaAdmin.everyTicket')}</Text>;
  const separator = t('adminPages.listSeparator');
  const word = (field: string, v: string) => (field === 'priority' ? t(`priority.${v}`) : field === 'type' ? t(`type.${v}`) : field === 'channel' ? t(`channel.${v}`) : v);
  return (
    <Stack gap={0}>
      {conditions.map((c, i) => <Text key={i} size="sm">{t(`slaAdmin.fields.${c.field}`, { defaultValue: c.field })} {t(`slaAdmin.ops.${c.op}`)} <Bidi>{c.value.map((v) => word(c.field, v)).join(separator)}</Bidi></Text>)}
    </Stack>
  );
}

