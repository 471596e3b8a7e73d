import { describe, expect, it } from 'vitest';
import { systemActor, type Actor, type Role } from '../../platform/actor.ts';
import { canCreate, contactPolicy, groupPolicy, listScope, agentPolicy, organizationPolicy, type PeopleResource } from './people.policy.ts';

const agent = (roles: Role[], id = 10): Actor => ({
  kind: 'user',
  userId: id,
  email: 'a@x.test',
  locale: 'en',
  mustChangePassword: false,
  agent: { id, name: 'A', roles: new Set(roles), groupIds: [] },
  contact: null,
  via: 'session',
});
const contact = (id: number, organizationId: number | null): Actor => ({
  kind: 'user',
  userId: 99,
  email: 'c@x.test',
  locale: 'en',
  mustChangePassword: false,
  agent: null,
  contact: { id, organizationId, organizationShares: false },
  via: 'session',
});

const lists = (actor: Actor, r: PeopleResource) => {
  try {
    return listScope(actor, r) === 'all';
  } catch {
    return false;
  }
};

describe('people policy', () => {
  const org = { id: 1, accountManagerId: 10 };
  const otherOrg = { id: 2, accountManagerId: null };
  const member = { id: 5, organizationId: 1, accountManagerId: 10 };

  it('lets desk roles and admins read customers; editors edit; crm edits only what they manage', () => {
    for (const role of ['analyst', 'supervisor', 'manager', 'admin'] as const) {
      expect(organizationPolicy.can(agent([role]), 'update', otherOrg), role).toBe(true);
      expect(contactPolicy.can(agent([role]), 'update', member), role).toBe(true);
      expect(canCreate(agent([role]), 'contact'), role).toBe(true);
    }
    const crm = agent(['crm'], 10);
    expect(organizationPolicy.can(crm, 'read', otherOrg)).toBe(true);
    expect(organizationPolicy.can(crm, 'update', org)).toBe(true);
    expect(organizationPolicy.can(crm, 'update', otherOrg)).toBe(false);
    expect(contactPolicy.can(crm, 'update', member)).toBe(true);
    expect(contactPolicy.can(agent(['crm'], 11), 'update', member)).toBe(false);
    expect(canCreate(crm, 'organization')).toBe(false);
  });

  it('shows a contact only their own organisation and themself, and no lists', () => {
    const c = contact(5, 1);
    expect(organizationPolicy.can(c, 'read', org)).toBe(true);
    expect(organizationPolicy.can(c, 'update', org)).toBe(false);
    expect(organizationPolicy.can(c, 'read', otherOrg)).toBe(false);
    expect(contactPolicy.can(c, 'read', member)).toBe(true);
    expect(contactPolicy.can(c, 'read', { ...member, id: 6 })).toBe(false);
    expect(agentPolicy.can(c, 'read', { id: 10 })).toBe(false);
    for (const r of ['organization', 'contact', 'agent', 'group'] as const) expect(lists(c, r), r).toBe(false);
    expect(organizationPolicy.can(contact(5, null), 'read', org)).toBe(false);
  });

  it('lets every agent read agents and groups, and only admins (or the system) change them', () => {
    for (const role of ['analyst', 'supervisor', 'manager', 'crm'] as const) {
      expect(groupPolicy.can(agent([role]), 'read', { id: 1 }), role).toBe(true);
      expect(groupPolicy.can(agent([role]), 'update', { id: 1 }), role).toBe(false);
      expect(canCreate(agent([role]), 'agent'), role).toBe(false);
      expect(lists(agent([role]), 'agent'), role).toBe(true);
    }
    expect(agentPolicy.can(agent(['admin']), 'update', { id: 1 })).toBe(true);
    expect(agentPolicy.can(systemActor(), 'update', { id: 1 })).toBe(true);
    expect(lists(agent(['admin']), 'contact')).toBe(true);
  });
});
