import type { Db } from '../../schema.ts';
import { activeUserIds } from '../access/index.ts';
import {
  activeAgentsOfGroup,
  agentsOfGroupWithRole,
  contactNames,
  managerUserIds as activeManagerUserIds,
  memberUserIdsOfGroup,
  namesOfUsers,
  userIdsOfActiveAgents,
} from '../people/index.ts';
import { contactWatchersOf, type TicketNotificationFacts } from '../tickets/index.ts';
import { membersOnDuty } from '../duty/index.ts';
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

/** Contacts as notification recipients. */
export function contacts(contactIds: readonly number[]): NotificationRecipient[] {
  return contactIds.map((contactId) => ({ kind: 'contact', contactId }));
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
 * members on duty at `at` (working time in their calendar, not away), but not `exceptAgentId` (the
 * agent it was referred to by name, told by ticket.assigned). With nobody on duty, every active
 * member hears of it, so a referral made after hours still reaches the group.
 */
export async function referralRecipientUserIds(db: Db, groupId: number, exceptAgentId: number | null, at: number): Promise<number[]> {
  const onDuty = await membersOnDuty(db, groupId, at);
  const members = onDuty.length > 0 ? onDuty : await activeAgentsOfGroup(db, groupId);
  return activeUserIds(
    db,
    members.filter((m) => m.agentId !== exceptAgentId).map((m) => m.userId),
  );
}

/** Every active manager (hierarchical escalation, level 2). */
export async function managerUserIds(db: Db): Promise<number[]> {
  return activeUserIds(db, await activeManagerUserIds(db));
}

/** Every active agent of the group (a new ticket in the group). */
export async function memberUserIds(db: Db, groupId: number): Promise<number[]> {
  return activeUserIds(db, await memberUserIdsOfGroup(db, groupId));
}

/** The ticket's customer side: the requester and the contacts who watch it. */
export async function customerSide(db: Db, ticket: TicketFacts): Promise<NotificationRecipient[]> {
  const watchers = await contactWatchersOf(db, ticket.id);
  return contacts([...(ticket.requesterContactId === null ? [] : [ticket.requesterContactId]), ...watchers]);
}

/** The name to show for who acted: a user's agent (or contact) name, else a contact's; undefined for the system. */
export async function actorNameOf(db: Db, who: { userId?: number | null; contactId?: number | null }): Promise<string | undefined> {
  if (who.userId != null) {
    const names = (await namesOfUsers(db, [who.userId])).get(who.userId);
    const name = names?.agentName ?? names?.contactName;
    if (name) return name;
  }
  if (who.contactId != null) return (await contactNames(db, [who.contactId])).get(who.contactId);
  return undefined;
}
