import type { SlaPolicy, SlaRule, TicketFilter } from '@pishkhan/contracts';
import type { Actor } from '../../platform/actor.ts';
import { abilities } from '../../platform/policy/index.ts';
import { targetsOf } from './sla-policies.ts';
import { SLA_ACTIONS, slaPolicy } from './sla.policy.ts';
import type { SlaPolicyRow, SlaRuleRow } from './sla.repository.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export function presentSlaPolicy(actor: Actor, row: SlaPolicyRow): SlaPolicy {
  return {
    id: row.id,
    name: row.name,
    calendarId: row.calendar_id,
    targets: targetsOf(row),
    pauseOnThirdParty: row.pause_on_third_party === 1,
    warnAtPercent: row.warn_at_percent,
    onBreach: { escalate: row.breach_escalate === 1, referToGroupId: row.breach_refer_group_id, raisePriority: row.breach_raise_priority === 1 },
    isDefault: row.default_key === 'default',
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    abilities: { ...abilities(slaPolicy, actor, row, SLA_ACTIONS), delete: false },
  };
}

export function presentSlaRule(row: SlaRuleRow): SlaRule {
  return { id: row.id, position: row.position, filter: JSON.parse(row.filter) as TicketFilter, policyId: row.policy_id, version: row.version, createdAt: iso(row.created_at), updatedAt: iso(row.updated_at) };
}
