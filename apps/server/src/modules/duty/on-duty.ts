import { isWorkingTime } from '@pishkhan/calendar';
import type { Db } from '../../schema.ts';
import { builtInCalendarId, createCalendarLoader } from '../calendars/index.ts';
import { activeAgentsOfGroup } from '../people/index.ts';
import { agentDutiesOf, findGroupAssignment, type AgentDutyRow } from './duty.repository.ts';

/** One compiled-calendar cache per process (each load re-reads the version, so edits show at once). */
const calendars = createCalendarLoader();

/** Away means a return date still ahead. */
export const isAway = (duty: AgentDutyRow | undefined, now: number): boolean => duty?.away_until != null && duty.away_until > now;

/**
 * Answers "is this calendar working now?" for one call, loading each distinct calendar (and the
 * desk's default, the built-in Tehran calendar) once however many agents share it. An agent works by
 * their own calendar, else their group's, else the default; with no calendar at all (never on a
 * migrated desk) the agent counts as working.
 */
function workingNow(db: Db, now: number): (calendarId: number | null) => Promise<boolean> {
  const answers = new Map<number | null, Promise<boolean>>();
  const resolve = async (calendarId: number | null): Promise<boolean> => {
    const id = calendarId ?? (await builtInCalendarId(db, 'tehran'));
    if (id === undefined) return true;
    const loaded = await calendars.load(db, id, now);
    return loaded === undefined ? true : isWorkingTime(loaded.compiled, now);
  };
  return (calendarId) => {
    let answer = answers.get(calendarId);
    if (answer === undefined) answers.set(calendarId, (answer = resolve(calendarId)));
    return answer;
  };
}

/** Of these agents, those on duty now by their own calendar (or `groupCalendarId`) and away state, in the given order. */
export async function agentsOnDuty(db: Db, agentIds: readonly number[], duties: ReadonlyMap<number, AgentDutyRow>, groupCalendarId: number | null, now: number): Promise<number[]> {
  const working = workingNow(db, now);
  const onDuty: number[] = [];
  for (const id of agentIds) {
    const duty = duties.get(id);
    if (!isAway(duty, now) && (await working(duty?.calendar_id ?? groupCalendarId))) onDuty.push(id);
  }
  return onDuty;
}

/** Whether one agent is on duty now. */
export async function isOnDuty(db: Db, agentId: number, duty: AgentDutyRow | undefined, groupCalendarId: number | null, now: number): Promise<boolean> {
  return (await agentsOnDuty(db, [agentId], new Map(duty ? [[agentId, duty]] : []), groupCalendarId, now)).length === 1;
}

/** The group's active members on duty now, in agent id order. */
export async function membersOnDuty(db: Db, groupId: number, now: number): Promise<Array<{ agentId: number; userId: number }>> {
  const members = await activeAgentsOfGroup(db, groupId);
  const [duties, group] = [await agentDutiesOf(db, members.map((m) => m.agentId)), await findGroupAssignment(db, groupId)];
  const onDuty = new Set(await agentsOnDuty(db, members.map((m) => m.agentId), duties, group?.calendar_id ?? null, now));
  return members.filter((m) => onDuty.has(m.agentId));
}
