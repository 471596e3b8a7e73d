import { agentSideOf, hasRole, isDeskAgent, isTrustedSystem, type Actor } from '../../platform/actor.ts';
import type { Policy } from '../../platform/policy/index.ts';

/** An agent's duty as the policy sees it: whose, and the groups they belong to. */
export interface DutyAccess {
  agentId: number;
  groupIds: readonly number[];
}

export type DutyAction = 'update';

const isAdmin = (actor: Actor) => isTrustedSystem(actor) || hasRole(actor, 'admin');
const supervises = (actor: Actor, groupIds: readonly number[]) =>
  hasRole(actor, 'manager') || (hasRole(actor, 'supervisor') && groupIds.some((g) => agentSideOf(actor)!.groupIds.includes(g)));

/**
 * Every agent sees who is on duty or away (it decides whom to ask); an agent sets their own away
 * and calendar; a supervisor of one of their groups, a manager or an admin sets anyone's. Contacts see none.
 */
export const agentDutyPolicy: Policy<DutyAccess, DutyAction> = {
  entity: 'agent_duty',
  can(actor, action, duty) {
    if (action === 'read') return isAdmin(actor) || isDeskAgent(actor);
    return isAdmin(actor) || agentSideOf(actor)?.id === duty.agentId || supervises(actor, duty.groupIds);
  },
};

/** A group's automatic assignment: agents read it; its supervisors, managers and admins change it. */
export const groupAssignmentPolicy: Policy<{ groupId: number }, DutyAction> = {
  entity: 'group_assignment',
  can(actor, action, group) {
    if (action === 'read') return isAdmin(actor) || isDeskAgent(actor);
    return isAdmin(actor) || supervises(actor, [group.groupId]);
  },
};
