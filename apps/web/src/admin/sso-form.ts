import { nullIfBlank } from './forms.ts';

// The admin SSO API's shapes (server modules/sso/sso.schemas.ts; not in contracts yet).
export type Role = 'analyst' | 'supervisor' | 'manager' | 'crm' | 'admin';
export type UnmappedAs = 'contact' | 'none';
export interface Mapping { match: string; roles: Role[]; groupIds: number[] }
export interface Directory {
  id: number; name: string; url: string; bindDn: string; bindPasswordSet: boolean; tlsCaCertificate: string | null; startTls: boolean;
  userBase: string; userFilter: string; groupBase: string | null; groupFilter: string;
  attributes: { login: string; email: string; name: string; id: string };
  groupMappings: { group: string; roles: Role[]; groupIds: number[] }[];
  unmappedAs: UnmappedAs; syncEveryMinutes: number | null; lastSyncedAt: string | null; active: boolean; version: number;
}
export interface OidcProvider {
  id: number; name: string; issuerUrl: string; clientId: string; clientSecretSet: boolean; scopes: string; rolesClaim: string;
  claimMappings: { value: string; roles: Role[]; groupIds: number[] }[];
  unmappedAs: UnmappedAs; redirectUri: string; active: boolean; version: number;
}

/** A mapping row as edited: the group DN or claim value, roles, desk groups (ids as strings for the selects). */
export interface MappingDraft { match: string; roles: string[]; groupIds: string[] }

export interface DirectoryDraft {
  name: string; url: string; bindDn: string; bindPassword: string; tlsCaCertificate: string; startTls: boolean;
  userBase: string; userFilter: string; groupBase: string; groupFilter: string;
  attributes: { login: string; email: string; name: string; id: string };
  mappings: MappingDraft[]; unmappedAs: UnmappedAs; syncEveryMinutes: string; active: boolean;
}

export interface OidcDraft {
  name: string; issuerUrl: string; clientId: string; clientSecret: string; scopes: string; rolesClaim: string;
  mappings: MappingDraft[]; unmappedAs: UnmappedAs; active: boolean;
}

const draftMapping = (match: string, roles: Role[], groupIds: number[]): MappingDraft => ({ match, roles: [...roles], groupIds: groupIds.map(String) });

/** Rows with nothing to match are dropped; the rest go as the API takes them. */
function mappingsOut(rows: MappingDraft[]): Mapping[] {
  return rows.filter((r) => r.match.trim()).map((r) => ({ match: r.match.trim(), roles: r.roles as Role[], groupIds: r.groupIds.map(Number) }));
}

export function blankDirectory(): DirectoryDraft {
  return {
    name: '', url: 'ldaps://', bindDn: '', bindPassword: '', tlsCaCertificate: '', startTls: false,
    userBase: '', userFilter: '(&(objectClass=inetOrgPerson)(uid={login}))', groupBase: '', groupFilter: '(&(objectClass=groupOfNames)(member={dn}))',
    attributes: { login: 'uid', email: 'mail', name: 'cn', id: 'entryUUID' },
    mappings: [], unmappedAs: 'contact', syncEveryMinutes: '', active: true,
  };
}

export function directoryDraft(d: Directory): DirectoryDraft {
  return {
    name: d.name, url: d.url, bindDn: d.bindDn, bindPassword: '', tlsCaCertificate: d.tlsCaCertificate ?? '', startTls: d.startTls,
    userBase: d.userBase, userFilter: d.userFilter, groupBase: d.groupBase ?? '', groupFilter: d.groupFilter, attributes: { ...d.attributes },
    mappings: d.groupMappings.map((m) => draftMapping(m.group, m.roles, m.groupIds)), unmappedAs: d.unmappedAs,
    syncEveryMinutes: d.syncEveryMinutes === null ? '' : String(d.syncEveryMinutes), active: d.active,
  };
}

/**
 * The body of a create (every field) or an edit (with the version read). The bind password is
 * write-only: blank on an edit keeps the sealed one, so it is left out.
 */
export function directoryBody(draft: DirectoryDraft, version?: number): Record<string, unknown> {
  const minutes = draft.syncEveryMinutes.trim();
  return {
    ...(version !== undefined ? { version } : {}),
    name: draft.name.trim(), url: draft.url.trim(), bindDn: draft.bindDn.trim(),
    ...(draft.bindPassword ? { bindPassword: draft.bindPassword } : {}),
    tlsCaCertificate: nullIfBlank(draft.tlsCaCertificate), startTls: draft.startTls,
    userBase: draft.userBase.trim(), userFilter: draft.userFilter.trim(), groupBase: nullIfBlank(draft.groupBase), groupFilter: draft.groupFilter.trim(),
    attributes: { login: draft.attributes.login.trim(), email: draft.attributes.email.trim(), name: draft.attributes.name.trim(), id: draft.attributes.id.trim() },
    groupMappings: mappingsOut(draft.mappings).map(({ match, ...rest }) => ({ group: match, ...rest })),
    unmappedAs: draft.unmappedAs,
    syncEveryMinutes: minutes === '' ? null : Number(minutes.replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x06f0))),
    active: draft.active,
  };
}

export function blankOidc(): OidcDraft {
  return { name: '', issuerUrl: 'https://', clientId: '', clientSecret: '', scopes: 'openid email profile', rolesClaim: 'groups', mappings: [], unmappedAs: 'contact', active: true };
}

export function oidcDraft(p: OidcProvider): OidcDraft {
  return {
    name: p.name, issuerUrl: p.issuerUrl, clientId: p.clientId, clientSecret: '', scopes: p.scopes, rolesClaim: p.rolesClaim,
    mappings: p.claimMappings.map((m) => draftMapping(m.value, m.roles, m.groupIds)), unmappedAs: p.unmappedAs, active: p.active,
  };
}

/** As directoryBody: the client secret is write-only, left out when blank on an edit. */
export function oidcBody(draft: OidcDraft, version?: number): Record<string, unknown> {
  return {
    ...(version !== undefined ? { version } : {}),
    name: draft.name.trim(), issuerUrl: draft.issuerUrl.trim(), clientId: draft.clientId.trim(),
    ...(draft.clientSecret ? { clientSecret: draft.clientSecret } : {}),
    scopes: draft.scopes.trim().replace(/\s+/g, ' '), rolesClaim: draft.rolesClaim.trim(),
    claimMappings: mappingsOut(draft.mappings).map(({ match, ...rest }) => ({ value: match, ...rest })),
    unmappedAs: draft.unmappedAs, active: draft.active,
  };
}
