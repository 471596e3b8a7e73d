import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, NumberInput, Paper, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Group as DeskGroup, SlaPolicy, SlaRule } from '@pishkhan/contracts';
import { api } from '../shared/api.ts';
import { Bidi, ErrorAlert } from '../shared/components.tsx';
import { usePrefs } from '../shared/prefs.tsx';
import { formatSpan, SLA_TARGETS } from '../shared/sla.ts';
import { ADMIN_KEY, EditDialog, FormActions, ListTable, PageTitle, useList } from './admin-kit.tsx';
import { useCalendars, useVersionedWrite } from './calendar-queries.ts';
import { ConditionEditor, FilterText } from './RuleConditions.tsx';
import { filterOfConditions, moveRule, nextPosition, policyBodyOf, policyDraftOf, PRIORITY_KEYS, type ConditionDraft, type PolicyDraft } from './sla-form.ts';
import { useAdminStrings } from './strings.ts';
import { useSlaStrings } from './sla-strings.ts';

function usePolicies() {
  return useQuery({ queryKey: [...ADMIN_KEY, 'sla-policies'], queryFn: () => api.get<{ items: SlaPolicy[] }>('/admin/sla/policies') });
}

function PolicyFields({ draft, setDraft }: { draft: PolicyDraft; setDraft(d: PolicyDraft): void }) {
  const { t } = useTranslation();
  const calendars = useCalendars();
  const groups = useList<DeskGroup>('/groups?limit=200');
  const cell = (p: (typeof PRIORITY_KEYS)[number], target: (typeof SLA_TARGETS)[number]) => {
    const value = draft.targets[p][target];
    const labels = { target: t(`slaAdmin.${target}`), priority: t(`priority.${p}`) };
    const set = (next: Partial<typeof value>) => setDraft({ ...draft, targets: { ...draft.targets, [p]: { ...draft.targets[p], [target]: { ...value, ...next } } } });
    return (
      <Group gap={4} wrap="nowrap">
        <NumberInput size="xs" w={72} min={1} hideControls aria-label={t('slaAdmin.amountOf', labels)} placeholder={t('slaAdmin.none')} value={value.amount} onChange={(amount) => set({ amount })} />
        <Select size="xs" w={130} aria-label={t('slaAdmin.unitOf', labels)} allowDeselect={false} value={value.unit} onChange={(u) => set({ unit: u === 'minutes' ? 'minutes' : 'hours' })}
          data={[{ value: 'hours', label: t('slaAdmin.units.hours') }, { value: 'minutes', label: t('slaAdmin.units.minutes') }]} />
      </Group>
    );
  };
  return (
    <>
      <Group grow align="start">
        <TextInput label={t('slaAdmin.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} required />
        <Select label={t('slaAdmin.calendar')} value={draft.calendarId} allowDeselect={false} required onChange={(calendarId) => setDraft({ ...draft, calendarId })}
          data={(calendars.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.name }))} />
      </Group>
      <Text size="sm" fw={500}>{t('slaAdmin.targets')}</Text>
      <Table.ScrollContainer minWidth={720}>
        <Table aria-label={t('slaAdmin.targets')}>
          <Table.Thead><Table.Tr><Table.Th>{t('slaAdmin.priority')}</Table.Th>{SLA_TARGETS.map((x) => <Table.Th key={x}>{t(`slaAdmin.${x}`)}</Table.Th>)}</Table.Tr></Table.Thead>
          <Table.Tbody>
            {PRIORITY_KEYS.map((p) => (
              <Table.Tr key={p}><Table.Td>{t(`priority.${p}`)}</Table.Td>{SLA_TARGETS.map((x) => <Table.Td key={x}>{cell(p, x)}</Table.Td>)}</Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group grow align="start">
        <NumberInput label={t('slaAdmin.warnAtPercent')} min={1} max={99} value={draft.warnAtPercent} onChange={(warnAtPercent) => setDraft({ ...draft, warnAtPercent })} />
        <Select label={t('slaAdmin.referTo')} clearable placeholder={t('slaAdmin.noReferral')} value={draft.referToGroupId} onChange={(referToGroupId) => setDraft({ ...draft, referToGroupId })}
          data={(groups.data?.items ?? []).map((g) => ({ value: String(g.id), label: g.name }))} />
      </Group>
      <Switch label={t('slaAdmin.pauseOnThirdParty')} checked={draft.pauseOnThirdParty} onChange={(e) => setDraft({ ...draft, pauseOnThirdParty: e.currentTarget.checked })} />
      <Switch label={t('slaAdmin.escalate')} checked={draft.escalate} onChange={(e) => setDraft({ ...draft, escalate: e.currentTarget.checked })} />
      <Switch label={t('slaAdmin.makeDefault')} checked={draft.isDefault} onChange={(e) => setDraft({ ...draft, isDefault: e.currentTarget.checked })} />
    </>
  );
}

function CreatePolicy() {
  const { t } = useTranslation();
  const calendars = useCalendars();
  const tehran = calendars.data?.items.find((c) => c.builtIn === 'tehran')?.id ?? null;
  const [draft, setDraft] = useState<PolicyDraft | null>(null);
  const current = draft ?? policyDraftOf(null, tehran);
  const create = useVersionedWrite(() => api.post('/admin/sla/policies', policyBodyOf(current)), () => setDraft(null));
  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(undefined); }} aria-label={t('slaAdmin.newPolicy')}>
        <Stack>
          <Title order={3} size="h4">{t('slaAdmin.newPolicy')}</Title>
          <PolicyFields draft={current} setDraft={setDraft} />
          <FormActions pending={create.isPending} error={create.error} label={t('admin.create')} />
        </Stack>
      </form>
    </Paper>
  );
}

function EditPolicy({ policy, onDone }: { policy: SlaPolicy; onDone(): void }) {
  const [draft, setDraft] = useState(() => policyDraftOf(policy, null));
  const save = useVersionedWrite(() => {
    const { isDefault, ...body } = policyBodyOf(draft);
    return api.patch(`/admin/sla/policies/${policy.id}`, { version: policy.version, ...body, ...(isDefault && !policy.isDefault ? { isDefault } : {}) });
  }, onDone);
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(undefined); }}>
      <Stack>
        <PolicyFields draft={draft} setDraft={setDraft} />
        <FormActions pending={save.isPending} error={save.error} onCancel={onDone} />
      </Stack>
    </form>
  );
}

/** A policy's targets in short: first / next / resolution per priority that has any. */
function TargetSummary({ policy }: { policy: SlaPolicy }) {
  const { t } = useTranslation();
  const prefs = usePrefs();
  const span = (m: number | undefined) => (m === undefined ? '—' : formatSpan(m * 60_000, prefs));
  return (
    <Stack gap={0}>
      {PRIORITY_KEYS.filter((p) => policy.targets[p]).map((p) => (
        <Text key={p} size="xs">{t(`priority.${p}`)}: {t('slaAdmin.targetSummary', { first: span(policy.targets[p]!.firstResponse), next: span(policy.targets[p]!.nextResponse), resolution: span(policy.targets[p]!.resolution) })}</Text>
      ))}
    </Stack>
  );
}

function Rules({ policies }: { policies: SlaPolicy[] }) {
  const { t } = useTranslation();
  const rules = useQuery({ queryKey: [...ADMIN_KEY, 'sla-rules'], queryFn: () => api.get<{ items: SlaRule[] }>('/admin/sla/rules') });
  const items = [...(rules.data?.items ?? [])].sort((a, b) => a.position - b.position || a.id - b.id);
  const [conditions, setConditions] = useState<ConditionDraft[]>([]);
  const [policyId, setPolicyId] = useState<string | null>(null);
  const add = useVersionedWrite(() => api.post('/admin/sla/rules', { position: nextPosition(items), filter: filterOfConditions(conditions), policyId: Number(policyId) }), () => { setConditions([]); setPolicyId(null); });
  const move = useVersionedWrite(async ({ id, delta }: { id: number; delta: -1 | 1 }) => {
    for (const step of moveRule(items, id, delta)) await api.patch(`/admin/sla/rules/${step.id}`, { version: step.version, position: step.position });
  });
  const remove = useVersionedWrite((rule: SlaRule) => api.delete(`/admin/sla/rules/${rule.id}?version=${rule.version}`));
  const policyName = (id: number) => policies.find((p) => p.id === id)?.name ?? String(id);
  return (
    <Paper withBorder p="md" component="section" aria-label={t('slaAdmin.rules')}>
      <Stack>
        <Title order={3} size="h4">{t('slaAdmin.rules')}</Title>
        <Text size="sm" c="dimmed">{t('slaAdmin.rulesIntro')}</Text>
        <ErrorAlert error={rules.error ?? move.error ?? remove.error} />
        {items.length === 0 ? <Text size="sm" c="dimmed">{t('slaAdmin.noRules')}</Text> : (
          <ListTable label={t('slaAdmin.rules')} headers={[t('slaAdmin.position'), t('slaAdmin.filter'), t('slaAdmin.policy'), t('adminPages.actions')]}
            rows={items.map((r, i) => [
              i + 1,
              <FilterText key="f" rule={r} />,
              <Bidi key="p">{policyName(r.policyId)}</Bidi>,
              <Group key="a" gap={4} wrap="nowrap">
                <ActionIcon variant="subtle" disabled={i === 0} loading={move.isPending} aria-label={t('slaAdmin.moveUp')} onClick={() => move.mutate({ id: r.id, delta: -1 })}><IconArrowUp size={14} aria-hidden /></ActionIcon>
                <ActionIcon variant="subtle" disabled={i === items.length - 1} loading={move.isPending} aria-label={t('slaAdmin.moveDown')} onClick={() => move.mutate({ id: r.id, delta: 1 })}><IconArrowDown size={14} aria-hidden /></ActionIcon>
                <ActionIcon variant="subtle" color="red" loading={remove.isPending} aria-label={t('slaAdmin.deleteRule')} onClick={() => remove.mutate(r)}><IconTrash size={14} aria-hidden /></ActionIcon>
              </Group>,
            ])}
          />
        )}
        <form onSubmit={(e) => { e.preventDefault(); add.mutate(undefined); }} aria-label={t('slaAdmin.newRule')}>
          <Stack gap="xs">
            <Title order={4} size="h5">{t('slaAdmin.newRule')}</Title>
            <ConditionEditor value={conditions} onChange={setConditions} />
            <Select label={t('slaAdmin.policy')} w={300} required value={policyId} onChange={setPolicyId} data={policies.map((p) => ({ value: String(p.id), label: p.name }))} />
            <FormActions pending={add.isPending} error={add.error} label={t('slaAdmin.addRule')} />
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

/** Admin → SLA policies: the list, a new one, edit in a dialog; the global rules in order below. */
export default function SlaPage() {
  useAdminStrings();
  useSlaStrings();
  const { t } = useTranslation();
  const policies = usePolicies();
  const calendars = useCalendars();
  const [editing, setEditing] = useState<SlaPolicy | null>(null);
  const items = policies.data?.items ?? [];
  const calendarName = (id: number) => calendars.data?.items.find((c) => c.id === id)?.name ?? String(id);
  return (
    <Stack>
      <PageTitle>{t('slaAdmin.policies')}</PageTitle>
      <ErrorAlert error={policies.error} />
      <ListTable label={t('slaAdmin.policies')} minWidth={700}
        headers={[t('slaAdmin.name'), t('slaAdmin.calendar'), t('slaAdmin.targets'), t('adminPages.actions')]}
        rows={items.map((p) => [
          <Group key="n" gap="xs"><Bidi>{p.name}</Bidi>{p.isDefault && <Badge variant="light">{t('slaAdmin.default')}</Badge>}</Group>,
          <Bidi key="c">{calendarName(p.calendarId)}</Bidi>,
          <TargetSummary key="t" policy={p} />,
          p.abilities.update ? <Button key="e" size="xs" variant="light" onClick={() => setEditing(p)} aria-label={t('slaAdmin.editNamed', { name: p.name })}>{t('slaAdmin.edit')}</Button> : null,
        ])}
      />
      <CreatePolicy />
      <Rules policies={items} />
      <EditDialog title={t('slaAdmin.editPolicy')} opened={editing !== null} onClose={() => setEditing(null)}>
        {/* The policy as last read (a stale save re-reads it); the draft is the dialog's own. */}
        {editing && <EditPolicy key={editing.id} policy={items.find((p) => p.id === editing.id) ?? editing} onDone={() => setEditing(null)} />}
      </EditDialog>
    </Stack>
  );
}
