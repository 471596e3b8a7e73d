import type { CreateSlaPolicyBody, UpdateSlaPolicyBody } from '@pishkhan/contracts';
import type { Db } from '../../schema.ts';
import { calendarVersion } from '../calendars/index.ts';
import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import { checkTicketFilter, ticketFilterFields } from '../tickets/index.ts';
import { groupNames } from '../people/index.ts';
import type { SlaTables } from './sla.tables.ts';

type PolicyColumns = Partial<Pick<SlaTables['sla_policies'], 'name' | 'calendar_id' | 'targets' | 'pause_on_third_party' | 'warn_at_percent' | 'breach_escalate' | 'breach_refer_group_id' | 'breach_raise_priority'>>;

/** The columns a create or edit of a policy sets; the calendar and the referral group must exist (422). */
export async function policyColumns(db: Db, body: Partial<Omit<CreateSlaPolicyBody, 'isDefault'>> | Omit<UpdateSlaPolicyBody, 'version' | 'isDefault'>): Promise<PolicyColumns> {
  const out: PolicyColumns = {};
  if (body.name !== undefined) out.name = body.name;
  if (body.calendarId !== undefined) {
    if ((await calendarVersion(db, body.calendarId)) === undefined) throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'calendarId' });
    out.calendar_id = body.calendarId;
  }
  if (body.targets !== undefined) out.targets = JSON.stringify(body.targets);
  if (body.pauseOnThirdParty !== undefined) out.pause_on_third_party = body.pauseOnThirdParty ? 1 : 0;
  if (body.warnAtPercent !== undefined) out.warn_at_percent = body.warnAtPercent;
  if (body.onBreach?.escalate !== undefined) out.breach_escalate = body.onBreach.escalate ? 1 : 0;
  if (body.onBreach?.raisePriority !== undefined) out.breach_raise_priority = body.onBreach.raisePriority ? 1 : 0;
  const group = body.onBreach?.referToGroupId;
  if (group !== undefined) {
    if (group !== null && !(await groupNames(db, [group], 'fa')).has(group)) throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'onBreach.referToGroupId' });
    out.breach_refer_group_id = group;
  }
  return out;
}

/** A rule's filter, checked by the tickets module's field table (400 with the condition's path). */
export function checkedRuleFilter(filter: unknown): string {
  return JSON.stringify(checkTicketFilter(filter, ticketFilterFields, 'filter'));
}
