import type { SlaPolicy, SlaRule, SlaTargets, TicketFilter } from '@pishkhan/contracts';
import { amountOf, minutesOf, SLA_TARGETS, type SlaTargetName, type TargetAmount } from '../shared/sla.ts';

export const PRIORITY_KEYS = ['1', '2', '3', '4'] as const;
type PriorityKey = (typeof PRIORITY_KEYS)[number];

/** The policy form's targets: an amount and unit per priority and target (blank: no target). */
export type TargetsDraft = Record<PriorityKey, Record<SlaTargetName, { amount: number | string; unit: TargetAmount['unit'] }>>;

export function targetsDraftOf(targets: SlaTargets): TargetsDraft {
  const draft = {} as TargetsDraft;
  for (const p of PRIORITY_KEYS) {
    draft[p] = {} as TargetsDraft[PriorityKey];
    for (const target of SLA_TARGETS) {
      const amount = amountOf(targets[p]?.[target]);
      draft[p][target] = amount ?? { amount: '', unit: 'hours' };
    }
  }
  return draft;
}

/** The API's targets (business minutes); a priority without any target is left out. */
export function targetsOfDraft(draft: TargetsDraft): SlaTargets {
  const targets: SlaTargets = {};
  for (const p of PRIORITY_KEYS) {
    const entry: Record<string, number> = {};
    for (const target of SLA_TARGETS) {
      const cell = draft[p][target];
      const minutes = minutesOf(cell.amount === '' ? null : { amount: Number(cell.amount), unit: cell.unit });
      if (minutes !== undefined) entry[target] = minutes;
    }
    if (Object.keys(entry).length) targets[p] = entry;
  }
  return targets;
}

/** One condition of the simple rule editor (the filter language's `{ field, op, value }`, all joined by and). */
export type ConditionDraft = { field: string; op: 'eq' | 'neq' | 'in' | 'not_in'; value: string[] };
export const RULE_FIELDS = ['priority', 'type', 'channel', 'category', 'group', 'organization', 'tag'] as const;
const NUMERIC = new Set(['priority', 'category', 'group', 'organization']);

export function filterOfConditions(conditions: ConditionDraft[]): TicketFilter {
  return {
    all: conditions.filter((c) => c.value.length > 0).map((c) => {
      const values = c.value.map((v) => (NUMERIC.has(c.field) ? Number(v) : v));
      const list = c.op === 'in' || c.op === 'not_in';
      return { field: c.field, op: c.op, value: list ? values : values[0]! };
    }),
  } as TicketFilter;
}

/** A stored filter back in the editor, when it is a flat list of conditions (else null: shown as JSON only). */
export function conditionsOfFilter(filter: TicketFilter): ConditionDraft[] | null {
  const items = 'all' in filter ? (filter.all as unknown[]) : 'field' in filter ? [filter] : null;
  if (!items) return null;
  const out: ConditionDraft[] = [];
  for (const item of items) {
    const c = item as { field?: string; op?: string; value?: unknown };
    if (!c.field || !['eq', 'neq', 'in', 'not_in'].includes(c.op ?? '')) return null;
    const value = Array.isArray(c.value) ? c.value.map(String) : [String(c.value)];
    out.push({ field: c.field, op: c.op as ConditionDraft['op'], value });
  }
  return out;
}

/**
 * The PATCHes that move a rule one step up (-1) or down (+1): the new order numbered 10, 20, …,
 * sent only for the rules whose position changes (so equal positions sort out too).
 */
export function moveRule(rules: SlaRule[], id: number, delta: -1 | 1): { id: number; version: number; position: number }[] {
  const order = [...rules].sort((a, b) => a.position - b.position || a.id - b.id);
  const i = order.findIndex((r) => r.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= order.length) return [];
  [order[i], order[j]] = [order[j]!, order[i]!];
  return order.flatMap((r, k) => (r.position === (k + 1) * 10 ? [] : [{ id: r.id, version: r.version, position: (k + 1) * 10 }]));
}

/** The position of a rule added last. */
export function nextPosition(rules: SlaRule[]): number {
  return rules.reduce((max, r) => Math.max(max, r.position), 0) + 10;
}

export type PolicyDraft = {
  name: string;
  calendarId: string | null;
  targets: TargetsDraft;
  pauseOnThirdParty: boolean;
  warnAtPercent: number | string;
  escalate: boolean;
  referToGroupId: string | null;
  isDefault: boolean;
};

export function policyDraftOf(policy: SlaPolicy | null, defaultCalendarId: number | null): PolicyDraft {
  return {
    name: policy?.name ?? '',
    calendarId: policy ? String(policy.calendarId) : defaultCalendarId !== null ? String(defaultCalendarId) : null,
    targets: targetsDraftOf(policy?.targets ?? {}),
    pauseOnThirdParty: policy?.pauseOnThirdParty ?? false,
    warnAtPercent: policy ? (policy.warnAtPercent ?? '') : 75,
    escalate: policy?.onBreach.escalate ?? false,
    referToGroupId: policy?.onBreach.referToGroupId ? String(policy.onBreach.referToGroupId) : null,
    isDefault: policy?.isDefault ?? false,
  };
}

export function policyBodyOf(draft: PolicyDraft) {
  const warn = draft.warnAtPercent === '' ? null : Number(draft.warnAtPercent);
  return {
    name: draft.name.trim(),
    calendarId: Number(draft.calendarId),
    targets: targetsOfDraft(draft.targets),
    pauseOnThirdParty: draft.pauseOnThirdParty,
    warnAtPercent: warn,
    onBreach: { escalate: draft.escalate, referToGroupId: draft.referToGroupId ? Number(draft.referToGroupId) : null },
    ...(draft.isDefault ? { isDefault: true as const } : {}),
  };
}
