import type { CalendarUsesOf } from '../calendars/index.ts';
import { agentNames, groupNames } from '../people/index.ts';
import { dutiesOnCalendar } from './duty.repository.ts';

/** For calendars: the agents' and groups' working schedules on a calendar keep it from being deleted. */
export const dutyCalendarUses: CalendarUsesOf = async (db, calendarId) => {
  const { agentIds, groupIds } = await dutiesOnCalendar(db, calendarId);
  const [agents, groups] = await Promise.all([agentNames(db, agentIds), groupNames(db, groupIds, 'fa')]);
  return [
    ...groupIds.map((id) => ({ kind: 'group_assignment', id, name: groups.get(id) ?? String(id) })),
    ...agentIds.map((id) => ({ kind: 'agent_duty', id, name: agents.get(id) ?? String(id) })),
  ];
};
