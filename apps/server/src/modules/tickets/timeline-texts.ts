import type { Actor } from '../../platform/actor.ts';
import { defineTerms, renderTemplate, term } from '../../platform/http/errors.ts';
import type { Language } from '../../platform/http/language.ts';
import type { Db } from '../../schema.ts';
import { agentNames, groupNames } from '../people/index.ts';
import type { ArticleRow } from './articles.repository.ts';
import { visibleTicketRefs } from './relations.repository.ts';

/**
 * The sentence of a system event in the reader's language, rendered when it is read: events store
 * ids (timeline-story.ts, merges, relations), and the names — agents, groups, statuses, the other
 * ticket's number — are looked up for the whole page, one query per kind of name. Another
 * ticket's number shows only to a reader who sees that ticket.
 */
export const TimelineTexts = defineTerms('timeline_event', {
  status_changed: { fa: 'وضعیت از «{from:ticket_status}» به «{to:ticket_status}» رسید.', en: 'Status changed from "{from:ticket_status}" to "{to:ticket_status}".' },
  'assigned.group_agent': { fa: 'به {agent} در گروه {group} سپرده شد.', en: 'Assigned to {agent} in the group {group}.' },
  'assigned.group': { fa: 'به گروه {group} سپرده شد.', en: 'Assigned to the group {group}.' },
  'assigned.agent': { fa: 'به {agent} سپرده شد.', en: 'Assigned to {agent}.' },
  'assigned.none': { fa: 'دیگر به کارشناسی سپرده نیست.', en: 'No longer assigned to an agent.' },
  'escalated.functional': { fa: 'به گروه {group} ارجاع شد. دلیل: {reason}', en: 'Referred to the group {group}. Reason: {reason}' },
  'escalated.functional_agent': { fa: 'به {agent} در گروه {group} ارجاع شد. دلیل: {reason}', en: 'Referred to {agent} in the group {group}. Reason: {reason}' },
  'escalated.level1': { fa: 'به سرپرستان گروه ارجاع شد (سطح ۱). دلیل: {reason}', en: "Escalated to the group's supervisors (level 1). Reason: {reason}" },
  'escalated.level2': { fa: 'به مدیران ارجاع شد (سطح ۲). دلیل: {reason}', en: 'Escalated to the managers (level 2). Reason: {reason}' },
  escalation_acknowledged: { fa: 'ارجاع دیده و پذیرفته شد.', en: 'The escalation was acknowledged.' },
  deescalated: { fa: 'ارجاع سلسله‌مراتبی برداشته شد.', en: 'The hierarchical escalation was withdrawn.' },
  'referral_returned.group': { fa: 'با حل شدن، به گروه مالک {group} بازگشت.', en: 'Resolved: back to the owner group {group}.' },
  'referral_returned.group_agent': { fa: 'با حل شدن، به {agent} در گروه مالک {group} بازگشت.', en: 'Resolved: back to {agent} in the owner group {group}.' },
  merged_into: { fa: 'در درخواست {ticket} ادغام شد.', en: 'Merged into {ticket}.' },
  merged_from: { fa: 'درخواست {ticket} در این درخواست ادغام شد.', en: '{ticket} was merged into this ticket.' },
  related: { fa: 'پیوند با {role:relation_role} {ticket} افزوده شد.', en: 'Linked to {role:relation_role} {ticket}.' },
  unrelated: { fa: 'پیوند با {role:relation_role} {ticket} برداشته شد.', en: 'Unlinked from {role:relation_role} {ticket}.' },
  unseen_ticket: { fa: 'درخواستی که نمی‌بینید', en: 'a ticket you cannot see' },
  'sla_breached.first_response': { fa: 'مهلت نخستین پاسخ در توافق‌نامهٔ سطح خدمت گذشت.', en: 'The SLA first-response target was breached.' },
  'sla_breached.next_response': { fa: 'مهلت پاسخ بعدی در توافق‌نامهٔ سطح خدمت گذشت.', en: 'The SLA next-response target was breached.' },
  'sla_breached.resolution': { fa: 'مهلت حل در توافق‌نامهٔ سطح خدمت گذشت.', en: 'The SLA resolution target was breached.' },
  sla_policy_changed: { fa: 'توافق‌نامهٔ سطح خدمت این درخواست تغییر کرد؛ مهلت‌ها از همان آغاز دوباره حساب شد.', en: "The ticket's SLA policy changed; its targets were recomputed from the same start." },
});

/** What the other ticket of a relation is to this one (`kind.direction`: outgoing = this ticket is the source). */
export const RelationRoles = defineTerms('relation_role', {
  'related.outgoing': { fa: 'درخواست مرتبط', en: 'the related ticket' },
  'related.incoming': { fa: 'درخواست مرتبط', en: 'the related ticket' },
  'parent_child.outgoing': { fa: 'درخواست فرزند', en: 'the child ticket' },
  'parent_child.incoming': { fa: 'درخواست والد', en: 'the parent ticket' },
  'follow_up_of.outgoing': { fa: 'درخواست پیشینی که این پیگیری‌اش است', en: 'the earlier ticket this follows up' },
  'follow_up_of.incoming': { fa: 'درخواست پیگیری', en: 'the follow-up ticket' },
  'duplicate_of.outgoing': { fa: 'درخواست اصلی', en: 'the original ticket' },
  'duplicate_of.incoming': { fa: 'درخواست تکراری', en: 'the duplicate ticket' },
});

type Data = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);

function parse(text: string | null): Data {
  if (text === null) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : {};
  } catch {
    return {};
  }
}

/** Which sentence an event takes, and the names it needs. */
function sentenceOf(type: string, data: Data): string | undefined {
  const agent = num(data.agentId) !== null;
  const group = num(data.groupId) !== null;
  switch (type) {
    case 'ticket.status_changed':
      return 'status_changed';
    case 'ticket.assigned':
      return group && agent ? 'assigned.group_agent' : group ? 'assigned.group' : agent ? 'assigned.agent' : 'assigned.none';
    case 'ticket.escalated':
      if (data.kind === 'functional') return agent ? 'escalated.functional_agent' : 'escalated.functional';
      return num(data.level) === 2 ? 'escalated.level2' : 'escalated.level1';
    case 'ticket.escalation_acknowledged':
      return 'escalation_acknowledged';
    case 'ticket.deescalated':
      return 'deescalated';
    case 'ticket.referral_returned':
      return agent ? 'referral_returned.group_agent' : 'referral_returned.group';
    case 'ticket.merged_into':
      return 'merged_into';
    case 'ticket.merged_from':
      return 'merged_from';
    case 'ticket.related':
      return 'related';
    case 'ticket.unrelated':
      return 'unrelated';
    case 'ticket.sla_breached':
      return ['first_response', 'next_response', 'resolution'].includes(String(data.target)) ? `sla_breached.${String(data.target)}` : undefined;
    case 'ticket.sla_policy_changed':
      return 'sla_policy_changed';
  }
  return undefined;
}

/** The sentences of a page's system events for this reader, by article id: one query per kind of name. */
export async function eventTexts(db: Db, reader: { actor: Actor; language: Language }, rows: readonly ArticleRow[]): Promise<Map<number, string>> {
  const events = rows.filter((r) => r.kind === 'event' && r.event_type !== null).map((r) => ({ row: r, data: parse(r.event_data) }));
  if (events.length === 0) return new Map();
  const ids = (key: string) => events.flatMap((e) => (num(e.data[key]) === null ? [] : [num(e.data[key])!]));
  const [agents, groups, tickets] = await Promise.all([
    agentNames(db, ids('agentId')),
    groupNames(db, ids('groupId'), reader.language),
    visibleTicketRefs(db, reader.actor, ids('ticketId')),
  ]);
  const numbers = new Map(tickets.map((t) => [t.id, t.number]));
  const lang = reader.language;
  const out = new Map<number, string>();
  for (const { row, data } of events) {
    const sentence = sentenceOf(row.event_type!, data);
    if (sentence === undefined) continue;
    const agentId = num(data.agentId);
    const groupId = num(data.groupId);
    const ticketId = num(data.ticketId);
    const number = ticketId === null ? undefined : numbers.get(ticketId);
    const details: Data = {
      ...data,
      agent: agentId === null ? '' : (agents.get(agentId) ?? `#${agentId}`),
      group: groupId === null ? '' : (groups.get(groupId) ?? `#${groupId}`),
      ticket: number === undefined ? term('timeline_event', 'unseen_ticket', lang) : `#${number}`,
      role: `${String(data.kind)}.${String(data.direction)}`,
      reason: typeof data.reason === 'string' ? data.reason : '',
    };
    out.set(row.id, renderTemplate(term('timeline_event', sentence, lang), lang, details));
  }
  return out;
}

