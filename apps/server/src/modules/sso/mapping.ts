import { ROLES, type Role } from '../../platform/actor.ts';

/** One admin-configured rule: who carries `match` (a directory group DN, or a claim value) gets these roles and groups. */
export interface RoleMapping {
  match: string;
  roles: Role[];
  groupIds: number[];
}

/** What an outside identity becomes in Pishkhan: an agent with these roles and groups, a contact, or nobody. */
export interface MappedAccess {
  roles: Role[];
  groupIds: number[];
  contact: boolean;
}

export type UnmappedAs = 'contact' | 'none';

/**
 * The roles and groups of every mapping whose match the identity carries (union, sorted), compared
 * by `normalize` (DNs case- and space-insensitively). Without any role the identity is a contact or
 * nobody, as the admin chose; group mappings without a role grant no agent side.
 */
export function mapAccess(carried: readonly string[], mappings: readonly RoleMapping[], unmappedAs: UnmappedAs, normalize: (v: string) => string = (v) => v): MappedAccess {
  const have = new Set(carried.map(normalize));
  const roles = new Set<Role>();
  const groupIds = new Set<number>();
  for (const m of mappings) {
    if (!have.has(normalize(m.match))) continue;
    m.roles.forEach((r) => roles.add(r));
    m.groupIds.forEach((g) => groupIds.add(g));
  }
  if (roles.size === 0) return { roles: [], groupIds: [], contact: unmappedAs === 'contact' };
  return { roles: ROLES.filter((r) => roles.has(r)), groupIds: [...groupIds].sort((a, b) => a - b), contact: false };
}

/** A DN as compared: lower case, no spaces around `,` and `=`. */
export function normalizeDn(dn: string): string {
  return dn.trim().toLowerCase().replace(/\s*([,=])\s*/g, '$1');
}

/** RFC 4515: a value is safe inside an LDAP filter once `\ * ( )` and NUL are escaped. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The filter of a template with each `{name}` replaced by its escaped value. */
export function fillFilter(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? escapeFilterValue(values[name]!) : whole));
}

/** The listing form of a user filter: every user it would find by some login. */
export function listingFilter(template: string): string {
  return template.replaceAll('{login}', '*');
}
