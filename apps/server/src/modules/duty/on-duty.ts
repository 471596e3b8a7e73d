import { isWorkingTime } from '@pishkhan/calendar';
import type { Db } from '../../schema.ts';
import { builtInCalendarId, createCalendarLoader } from '../calendars/index.ts';
import { activeAgentsOfGroup } from '../people/index.ts';
import { agentDutiesOf, findGroupAssignment, type AgentDutyRow } from './duty.repository.ts';

/** One compiled-calendar cache per process (each load re-reads the version, so edits show at once). */
const calendars = createCalendarLoader();

/**
 * The calendar an agent works by: their own, else their group's, else the desk's default (the
 * built-in Tehran calendar). With no calendar at all (never on a migrated desk) the agent counts as working.
 */
async function working(db: Db, calendarId: number | null, now: number): Promise<boolean> {
  const id = calendarId ?? (await builtInCalendarId(db, 'tehran'));
  if (id === undefined) return true;
  const loaded = await calendars.load(db, id, now);
  return loaded === undefined ? true : isWorkingTime(loaded.compiled, now);
}

/** Away means a return date still ahead. */
export const isAway = (duty: AgentDutyRow | undefined, now: number): boolean => duty?.away_until != null && duty.away_until > now;

/** Whether one agent is on duty now, by their own calendar (or `groupCalendarId`) and away state. */
export async function isOnDuty(db: Db, duty: AgentDutyRow | undefined, groupCalendarId: number | null, now: number): Promise<boolean> {
  if (isAway(duty, now)) return false;
  return working(db, duty?.calendar_id ?? groupCalendarId, now);
}

/** The group's active members on duty now, in agent id order. */
export async function membersOnDuty(db: Db, groupId: number, now: number): Promise<Array<{ agentId: number; userId: number }>> {
  const members = await activeAgentsOfGroup(db, groupId);
  const [duties, group] = [await agentDutiesOf(db, members.map((m) => m.agentId)), await findGroupAssignment(db, groupId)];
  const groupCalendar = group?.calendar_id ?? null;
  const onDuty = [];
  for (const m of members) if (await isOnDuty(db, duties.get(m.agentId), groupCalendar, now)) onDuty.push(m);
  return onDuty;
}
