import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { epochDayOf, isoDateOf, parseIsoDate } from '@pishkhan/calendar';
import type { Agent, Contract, Organization, SlaPolicy } from '@pishkhan/contracts';
import { api, query } from '../shared/api.ts';
import { Bidi, ErrorAlert } from '../shared/components.tsx';
import { useSession } from '../shared/session.ts';
import { useDayLabel } from '../shared/calendar/JalaliDatePicker.tsx';
import { todayEpochDay } from '../shared/calendar/MonthView.tsx';
import { ADMIN_KEY, EditDialog, FormActions, ListTable, PageTitle, useList } from './admin-kit.tsx';
import { useVersionedWrite } from './calendar-queries.ts';
import { ContractFields, DraftProblemText, type ContractChoices } from './ContractFields.tsx';
import { contractDraftOf, contractStatus, createBodyOf, updateBodyOf, type ContractDraft, type DraftProblem, type ContractStatus } from './contract-form.ts';
import { useAdminStrings } from './strings.ts';
import { useSlaStrings } from './sla-strings.ts';
import { useContractStrings } from './contract-strings.ts';

const STATUS_COLOR: Record<ContractStatus, string> = { active: 'teal', upcoming: 'blue', expired: 'gray' };

/** The contracts (of one organisation with `?organizationId=`), as the server lets the reader see them. */
export function useContracts(organizationId: string | null) {
  return useQuery({ queryKey: [...ADMIN_KEY, 'contracts', organizationId], queryFn: () => api.get<{ items: Contract[] }>(`/admin/contracts${query({ organizationId })}`) });
}

function useChoices(): ContractChoices {
  const organizations = useList<Organization>('/organizations?limit=200');
  const policies = useQuery({ queryKey: [...ADMIN_KEY, 'sla-policies'], queryFn: () => api.get<{ items: SlaPolicy[] }>('/admin/sla/policies') });
  const agents = useList<Agent>('/agents?limit=200');
  return { organizations: organizations.data?.items ?? [], policies: policies.data?.items ?? [], agents: agents.data?.items ?? [] };
}

/** A submit that checks the draft first (amounts, tier order) and sends nothing while it is wrong. */
function useCheckedSubmit<B>(bodyOf: (d: ContractDraft) => { body: B } | DraftProblem, send: (body: B) => void) {
  const [problem, setProblem] = useState<DraftProblem | null>(null);
  const submit = (draft: ContractDraft) => {
    const result = bodyOf(draft);
    if ('problem' in result) return setProblem(result);
    setProblem(null);
    send(result.body);
  };
  return { problem, submit };
}

function CreateContract({ choices, organizationId }: { choices: ContractChoices; organizationId: string | null }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ContractDraft | null>(null);
  const current = draft ?? contractDraftOf(null, organizationId);
  const create = useVersionedWrite((body: unknown) => api.post('/admin/contracts', body), () => setDraft(null));
  const { problem, submit } = useCheckedSubmit(createBodyOf, (body) => create.mutate(body));
  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => { e.preventDefault(); submit(current); }} aria-label={t('contractsAdmin.newContract')} noValidate>
        <Stack>
          <Title order={3} size="h4">{t('contractsAdmin.newContract')}</Title>
          <ContractFields draft={current} setDraft={setDraft} choices={choices} existing={false} />
          <DraftProblemText problem={problem} />
          <FormActions pending={create.isPending} error={create.error} label={t('admin.create')} />
        </Stack>
      </form>
    </Paper>
  );
}

function EditContract({ contract, choices, onDone }: { contract: Contract; choices: ContractChoices; onDone(): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => contractDraftOf(contract));
  const save = useVersionedWrite((body: unknown) => api.patch(`/admin/contracts/${contract.id}`, body), onDone);
  const remove = useVersionedWrite(() => api.delete(`/admin/contracts/${contract.id}?version=${contract.version}`), onDone);
  const { problem, submit } = useCheckedSubmit((d) => updateBodyOf(d, contract.version), (body) => save.mutate(body));
  return (
    <Stack>
      <form onSubmit={(e) => { e.preventDefault(); submit(draft); }} noValidate>
        <Stack>
          <ContractFields draft={draft} setDraft={setDraft} choices={choices} existing />
          <DraftProblemText problem={problem} />
          <FormActions pending={save.isPending} error={save.error} onCancel={onDone} />
        </Stack>
      </form>
      {contract.abilities['delete'] && (
        <Stack gap="xs">
          <Group><Button color="red" variant="light" loading={remove.isPending} onClick={() => remove.mutate(undefined)}>{t('contractsAdmin.delete')}</Button></Group>
          <ErrorAlert error={remove.error} />
        </Stack>
      )}
    </Stack>
  );
}

/**
 * Admin → Contracts: each organisation's contracts with their Jalali period, status, policy and
 * account manager; admins add, edit and delete them, managers and crm agents only read (abilities).
 */
export default function ContractsPage() {
  useAdminStrings();
  useSlaStrings();
  useContractStrings();
  const { t } = useTranslation();
  const session = useSession();
  const dayLabel = useDayLabel();
  const [params, setParams] = useSearchParams();
  const organizationId = params.get('organizationId');
  const contracts = useContracts(organizationId);
  const choices = useChoices();
  const [editing, setEditing] = useState<Contract | null>(null);
  const isAdmin = session.data?.me.agent?.roles.includes('admin') ?? false;
  const today = isoDateOf(todayEpochDay('Asia/Tehran'));
  const items = contracts.data?.items ?? [];
  const nameOf = <T extends { id: number; name: string }>(list: T[], id: number | null) => (id === null ? '' : list.find((x) => x.id === id)?.name ?? '');
  const day = (iso: string) => dayLabel(epochDayOf(parseIsoDate(iso)));
  return (
    <Stack>
      <PageTitle>{t('contractsAdmin.title')}</PageTitle>
      <Select label={t('contractsAdmin.ofOrganization')} w={320} clearable searchable placeholder={t('contractsAdmin.allOrganizations')} value={organizationId}
        onChange={(id) => setParams(id ? { organizationId: id } : {})} data={choices.organizations.map((o) => ({ value: String(o.id), label: o.name }))} />
      <ErrorAlert error={contracts.error} />
      {contracts.isSuccess && items.length === 0 && <Text size="sm" c="dimmed">{t('contractsAdmin.none')}</Text>}
      {items.length > 0 && (
        <ListTable label={t('contractsAdmin.title')} minWidth={900}
          headers={[t('contractsAdmin.organization'), t('contractsAdmin.name'), t('contractsAdmin.period'), t('contractsAdmin.status'), t('contractsAdmin.policy'), t('contractsAdmin.accountManager'), t('adminPages.actions')]}
          rows={items.map((c) => {
            const status = contractStatus(c, today);
            return [
              <Bidi key="o">{nameOf(choices.organizations, c.organizationId) || String(c.organizationId)}</Bidi>,
              <Bidi key="n">{c.name}</Bidi>,
              <Text key="p" size="sm" data-testid="contract-period">{t('contractsAdmin.periodText', { from: day(c.startsOn), to: day(c.endsOn) })}</Text>,
              <Badge key="s" variant="light" color={STATUS_COLOR[status]} data-status={status}>{t(`contractsAdmin.statuses.${status}`)}</Badge>,
              <Bidi key="y">{nameOf(choices.policies, c.policyId)}</Bidi>,
              <Bidi key="m">{nameOf(choices.agents, c.accountManagerId)}</Bidi>,
              <Group key="a" gap="xs" wrap="nowrap">
                <Anchor component={Link} size="sm" to={`/admin/contracts/${c.id}`} aria-label={t('contractsAdmin.penaltiesOf', { name: c.name })}>{t('contractsAdmin.penaltyReport')}</Anchor>
                {c.abilities['update'] && <Button size="xs" variant="light" onClick={() => setEditing(c)} aria-label={t('contractsAdmin.editNamed', { name: c.name })}>{t('adminPages.edit')}</Button>}
              </Group>,
            ];
          })}
        />
      )}
      {isAdmin && <CreateContract key={organizationId ?? ''} choices={choices} organizationId={organizationId} />}
      <EditDialog title={t('contractsAdmin.editContract')} opened={editing !== null} onClose={() => setEditing(null)}>
        {/* The contract as last read (a stale save re-reads it); the draft is the dialog's own. */}
        {editing && <EditContract key={editing.id} contract={items.find((c) => c.id === editing.id) ?? editing} choices={choices} onDone={() => setEditing(null)} />}
      </EditDialog>
    </Stack>
  );
}
