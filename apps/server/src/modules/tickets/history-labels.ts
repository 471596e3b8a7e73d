import type { Actor } from '../../platform/actor.ts';
import { defineTerms, term } from '../../platform/http/errors.ts';
import type { Language } from '../../platform/http/language.ts';
import type { Db } from '../../schema.ts';
import { agentNames, contactNames, groupNames, organizationNames } from '../people/index.ts';
import { categoryNames } from './categories.repository.ts';
import { visibleTicketRefs } from './relations.repository.ts';

/**
 * History stores values as written (ids, status codes); it is presented with a label beside each
 * value in the reader's language — the group's, agent's, contact's, organisation's or category's
 * name, the status's word, the merged-into ticket's number (for a reader who sees it). One query
 * per kind of name for the page.
 */
export const EscalationLevelNames = defineTerms('escalation_level', {
  '0': { fa: 'بدون ارجاع', en: 'not escalated' },
  '1': { fa: 'سرپرستان گروه', en: "the group's supervisors" },
  '2': { fa: 'مدیران', en: 'the managers' },
});

type Kind = 'group' | 'agent' | 'contact' | 'organization' | 'category' | 'ticket' | 'status' | 'escalation';

const KIND_OF_FIELD: Record<string, Kind> = {
  assigneeGroupId: 'group',
  ownerGroupId: 'group',
  assigneeAgentId: 'agent',
  ownerAgentId: 'agent',
  requesterContactId: 'contact',
  organizationId: 'organization',
  categoryId: 'category',
  mergedIntoId: 'ticket',
  status: 'status',
  escalationLevel: 'escalation',
};

export interface HistoryLabelRow {
  id: number;
  field: string;
  old_value: string | null;
  new_value: string | null;
}

const idOf = (v: string | null): number | null => (v !== null && /^\d{1,15}$/.test(v) ? Number(v) : null);

/** Labels for a page of history rows, by row id: `{ old, new }`, null where a value has none. */
export async function historyLabels(
  db: Db,
  reader: { actor: Actor; language: Language },
  rows: readonly HistoryLabelRow[],
): Promise<Map<number, { old: string | null; new: string | null }>> {
  const idsOf = (kind: Kind) =>
    rows.flatMap((r) => (KIND_OF_FIELD[r.field] === kind ? [idOf(r.old_value), idOf(r.new_value)].filter((v): v is number => v !== null) : []));
  const lang = reader.language;
  const [groups, agents, contacts, organizations, categories, tickets] = await Promise.all([
    groupNames(db, idsOf('group'), lang),
    agentNames(db, idsOf('agent')),
    contactNames(db, idsOf('contact')),
    organizationNames(db, idsOf('organization')),
    categoryNames(db, idsOf('category'), lang),
    visibleTicketRefs(db, reader.actor, idsOf('ticket')),
  ]);
  const numbers = new Map(tickets.map((t) => [t.id, `#${t.number}`]));
  const names: Record<Exclude<Kind, 'status' | 'escalation'>, Map<number, string>> = {
    group: groups,
    agent: agents,
    contact: contacts,
    organization: organizations,
    category: categories,
    ticket: numbers,
  };
  const label = (kind: Kind | undefined, value: string | null): string | null => {
    if (kind === undefined || value === null) return null;
    if (kind === 'status') return term('ticket_status', value, lang);
    if (kind === 'escalation') return term('escalation_level', value, lang);
    const id = idOf(value);
    return id === null ? null : (names[kind].get(id) ?? null);
  };
  return new Map(rows.map((r) => [r.id, { old: label(KIND_OF_FIELD[r.field], r.old_value), new: label(KIND_OF_FIELD[r.field], r.new_value) }]));
}
