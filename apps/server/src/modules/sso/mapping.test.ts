import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES } from '../../platform/actor.ts';
import { escapeFilterValue, fillFilter, listingFilter, mapAccess, normalizeDn } from './mapping.ts';

describe('sso mapping: groups and claims to roles, LDAP filter values', () => {
  const mappings = [
    { match: 'cn=IT Agents, ou=groups,dc=example,dc=test', roles: ['analyst' as const], groupIds: [2] },
    { match: 'cn=leads,ou=groups,dc=example,dc=test', roles: ['supervisor' as const, 'analyst' as const], groupIds: [3, 2] },
  ];

  it('unites the roles and groups of every matching mapping, DNs compared case- and space-insensitively', () => {
    const got = mapAccess(['CN=it agents,OU=groups,DC=example,DC=test', 'cn=leads,ou=groups,dc=example,dc=test'], mappings, 'none', normalizeDn);
    expect(got).toEqual({ roles: ['analyst', 'supervisor'], groupIds: [2, 3], contact: false });
  });

  it('without a mapped role: a contact or nobody, as configured', () => {
    expect(mapAccess(['cn=other'], mappings, 'contact', normalizeDn)).toEqual({ roles: [], groupIds: [], contact: true });
    expect(mapAccess([], mappings, 'none', normalizeDn)).toEqual({ roles: [], groupIds: [], contact: false });
  });

  it('property: the roles are exactly the union of the matching mappings, in ROLES order, never a role not configured', () => {
    const mapping = fc.record({ match: fc.constantFrom('a', 'b', 'c', 'd'), roles: fc.subarray([...ROLES]), groupIds: fc.array(fc.integer({ min: 1, max: 9 })) });
    fc.assert(
      fc.property(fc.array(mapping), fc.subarray(['a', 'b', 'c', 'd']), (ms, carried) => {
        const got = mapAccess(carried, ms, 'contact');
        const expected = new Set(ms.filter((m) => carried.includes(m.match)).flatMap((m) => m.roles));
        expect(new Set(got.roles)).toEqual(expected);
        expect(got.roles).toEqual(ROLES.filter((r) => expected.has(r)));
        expect(got.contact).toBe(expected.size === 0);
      }),
    );
  });

  it('property: an escaped value holds no filter syntax and reads back to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (v) => {
        const escaped = escapeFilterValue(v);
        expect(escaped).not.toMatch(/[*()\0]/);
        const back = escaped.replace(/\\([0-9a-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
        expect(back).toBe(v);
      }),
    );
  });

  it('fills a template with escaped values, and lists with *', () => {
    expect(fillFilter('(&(objectClass=person)(uid={login}))', { login: 'x*)(uid=*' })).toBe('(&(objectClass=person)(uid=x\\2a\\29\\28uid=\\2a))');
    expect(listingFilter('(&(objectClass=person)(uid={login}))')).toBe('(&(objectClass=person)(uid=*))');
  });
});
