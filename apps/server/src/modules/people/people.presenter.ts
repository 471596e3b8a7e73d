import { normalizePhone } from '@pishkhan/text';
import type { Agent, Contact, Group, Organization } from '@pishkhan/contracts';
import type { Actor } from '../../platform/actor.ts';
import {
  agentPolicy,
  contactAccessOf,
  contactPolicy,
  groupPolicy,
  organizationAccessOf,
  organizationPolicy,
  PEOPLE_ACTIONS,
  seesInternalNotes,
} from './people.policy.ts';
import type { AgentView, ContactView, GroupView, OrganizationView } from './people.queries.ts';
import { abilities } from '../../platform/policy/index.ts';

/** Rows → API objects: ISO times, boolean flags, the caller's abilities; internal notes only for the desk. */

const iso = (ms: number) => new Date(ms).toISOString();

function stamps(row: { created_at: number; updated_at: number; version: number }) {
  return { createdAt: iso(row.created_at), updatedAt: iso(row.updated_at), version: row.version };
}

export function presentOrganization(actor: Actor, row: OrganizationView): Organization {
  return {
    id: row.id,
    name: row.name,
    accountManagerId: row.account_manager_id,
    membersSeeEachOther: row.members_see_each_other === 1,
    ...(seesInternalNotes(actor) ? { notes: row.notes } : {}),
    active: row.active === 1,
    mergedIntoId: row.merged_into_id,
    ...stamps(row),
    abilities: abilities(organizationPolicy, actor, organizationAccessOf(row), PEOPLE_ACTIONS),
  };
}

export function presentContact(actor: Actor, row: ContactView): Contact {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    organizationId: row.organization_id,
    language: row.language === 'en' ? 'en' : 'fa',
    emails: row.emails,
    phones: row.phones.map((phone) => ({ phone, e164: normalizePhone(phone) })),
    ...(seesInternalNotes(actor) ? { notes: row.notes } : {}),
    active: row.active === 1,
    mergedIntoId: row.merged_into_id,
    ...stamps(row),
    abilities: abilities(contactPolicy, actor, contactAccessOf(row), PEOPLE_ACTIONS),
  };
}

export function presentAgent(actor: Actor, row: AgentView): Agent {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    email: row.email,
    roles: [...row.roles].sort(),
    groupIds: row.groupIds,
    active: row.active === 1,
    ...stamps(row),
    abilities: abilities(agentPolicy, actor, row, PEOPLE_ACTIONS),
  };
}

export function presentGroup(actor: Actor, row: GroupView): Group {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.name_en,
    description: row.description,
    active: row.active === 1,
    memberIds: row.memberIds,
    ...stamps(row),
    abilities: abilities(groupPolicy, actor, row, PEOPLE_ACTIONS),
  };
}
