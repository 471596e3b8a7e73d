import type { AgentDuty, AssignmentMode, GroupAssignment } from '@pishkhan/contracts';
import type { Actor } from '../../platform/actor.ts';
import { abilities, authorize } from '../../platform/policy/index.ts';
import type { Db } from '../../schema.ts';
import { agentNames, findAgent, findGroup, groupIdsOfAgents } from '../people/index.ts';
import { openTicketCountsOfAgents } from '../tickets/index.ts';
import { assignmentOrder } from './assignment-order.ts';
import { agentDutyPolicy, groupAssignmentPolicy } from './duty.policy.ts';
import { defaultAgentDuty, defaultGroupAssignment, findAgentDuty, findGroupAssignment, groupAssignmentsOf, type AgentDutyRow, type GroupAssignmentRow } from './duty.repository.ts';
import { isOnDuty, membersOnDuty } from './on-duty.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** An agent's duty as the API shows it (404 for an unknown agent or a caller who sees none). */
export async function readAgentDuty(db: Db, actor: Actor, agentId: number, now: number): Promise<AgentDuty> {
  const agent = await findAgent(db, agentId);
  const groupIds = agent ? (await groupIdsOfAgents(db, [agentId])).map((g) => Number(g.group_id)) : [];
  const access = authorize(agentDutyPolicy, actor, 'read', agent ? { agentId, groupIds } : undefined);
  const row: AgentDutyRow = (await findAgentDuty(db, agentId)) ?? defaultAgentDuty(agentId, now);
  // Without a calendar of their own, the agent works by their first group's that has one.
  const groupCalendar = (await groupAssignmentsOf(db, groupIds)).find((g) => g.calendar_id !== null)?.calendar_id ?? null;
  return {
    agentId,
    calendarId: row.calendar_id === null ? null : Number(row.calendar_id),
    awayUntil: iso(row.away_until === null ? null : Number(row.away_until)),
    awayNote: row.away_note,
    onDutyNow: await isOnDuty(db, agentId, row, groupCalendar, now),
    version: row.version,
    abilities: abilities(agentDutyPolicy, actor, access, ['update']),
  };
}

/** A group's automatic assignment with its members on duty, in the order the next ticket would try them. */
export async function readGroupAssignment(db: Db, actor: Actor, groupId: number, now: number): Promise<GroupAssignment> {
  const access = authorize(groupAssignmentPolicy, actor, 'read', (await findGroup(db, groupId)) ? { groupId } : undefined);
  const row: GroupAssignmentRow = (await findGroupAssignment(db, groupId)) ?? defaultGroupAssignment(groupId, now);
  const onDuty = (await membersOnDuty(db, groupId, now)).map((m) => m.agentId);
  const loads = await openTicketCountsOfAgents(db, onDuty);
  const names = await agentNames(db, onDuty);
  const mode = row.mode as AssignmentMode;
  const order = assignmentOrder(mode === 'off' ? 'round_robin' : mode, onDuty.map((agentId) => ({ agentId, openTickets: loads.get(agentId) ?? 0 })), row.last_agent_id === null ? null : Number(row.last_agent_id));
  return {
    groupId,
    mode,
    maxOpenPerAgent: row.max_open_per_agent,
    calendarId: row.calendar_id === null ? null : Number(row.calendar_id),
    onDuty: order.map((agentId) => ({ agentId, name: names.get(agentId) ?? '', openTickets: loads.get(agentId) ?? 0 })),
    version: row.version,
    abilities: abilities(groupAssignmentPolicy, actor, access, ['update']),
  };
}
