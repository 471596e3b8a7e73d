import type { Db } from '../../schema.ts';
import { activeUserIds } from '../access/index.ts';
import { activeAgentsOfGroup, agentsOfGroupWithRole, managerUserIds as activeManagerUserIds, userIdsOfActiveAgents } from '../people/index.ts';
import type { TicketNotificationFacts } from '../tickets/index.ts';
import type { NotificationRecipient } from './drivers/types.ts';

/**
 * Who a notification goes to. Agents as sign-ins (user ids): the agents people names, keeping those
 * whose agent and sign-in are both active (one query in people, one in access, per set). Contacts
 * are addressed as `{ kind: 'contact', contactId }`, with or without a sign-in.
 */

/** What a notification about a ticket needs to know about it (tickets' ticketNotificationFacts). */
export type TicketFacts = TicketNotificationFacts;

/** Sign-ins as notification recipients. */
export function users(userIds: readonly number[]): NotificationRecipient[] {
  return userIds.map((userId) => ({ kind: 'user', userId }));
}

/** The user ids behind agents, skipping inactive agents and users. */
export async function userIdsOfAgents(db: Db, agentIds: readonly number[]): Promise<number[]> {
  return activeUserIds(db, await userIdsOfActiveAgents(db, agentIds));
}

/** Active supervisors who are members of the group (hierarchical escalation, level 1). */
export async function supervisorUserIdsOfGroup(db: Db, groupId: number): Promise<number[]> {
  const supervisors = await agentsOfGroupWithRole(db, groupId, 'supervisor');
  return activeUserIds(
    db,
    supervisors.map((s) => s.userId),
  );
}

/**
 * Who hears that a ticket was referred to their group (functional escalation): the group's active
 * members, but not `exceptAgentId` (the agent it was referred to by name, told by ticket.assigned).
 * The seam for the SLA module: it narrows this to the members on duty.
 */
export async function referralRecipientUserIds(db: Db, groupId: number, exceptAgentId: number | null): Promise<number[]> {
  const members = await activeAgentsOfGroup(db, groupId);
  return activeUserIds(
    db,
    members.filter((m) => m.agentId !== exceptAgentId).map((m) => m.userId),
  );
}

/** Every active manager (hierarchical escalation, level 2). */
export async function managerUserIds(db: Db): Promise<number[]> {
  return activeUserIds(db, await activeManagerUserIds(db));
}
