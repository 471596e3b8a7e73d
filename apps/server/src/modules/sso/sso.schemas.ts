import { Type, type Static } from 'typebox';
import { Id, Version } from '@pishkhan/contracts';

// The single sign-on API's shapes (admin configuration, sign-in). Kept here, not in contracts: the
// web app's pages for them are not written yet; move them when a page shares them.

// Written out (not mapped from ROLES) so that the static type is the roles' union.
const Role = Type.Union([Type.Literal('analyst'), Type.Literal('supervisor'), Type.Literal('manager'), Type.Literal('crm'), Type.Literal('admin')]);
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Roles = Type.Array(Role, { maxItems: 5, uniqueItems: true });
const GroupIds = Type.Array(Id, { maxItems: 100, uniqueItems: true });
const UnmappedAs = Type.Union([Type.Literal('contact'), Type.Literal('none')]);
const LdapFilter = Type.String({ minLength: 3, maxLength: 1000, pattern: '^\\(.*\\)$' });

export const DirectoryAttributes = Type.Object(
  {
    login: Type.Optional(Text(100)),
    email: Type.Optional(Text(100)),
    name: Type.Optional(Text(100)),
    /** A stable id of the entry (entryUUID on OpenLDAP, objectGUID on Active Directory); the DN when absent. */
    id: Type.Optional(Text(100)),
  },
  { additionalProperties: false },
);
export type DirectoryAttributes = Required<Static<typeof DirectoryAttributes>>;
export const DEFAULT_ATTRIBUTES: DirectoryAttributes = { login: 'uid', email: 'mail', name: 'cn', id: 'entryUUID' };
export const DEFAULT_GROUP_FILTER = '(&(objectClass=groupOfNames)(member={dn}))';

const GroupMapping = Type.Object({ group: Text(1000), roles: Roles, groupIds: Type.Optional(GroupIds) }, { additionalProperties: false });
const ClaimMapping = Type.Object({ value: Text(500), roles: Roles, groupIds: Type.Optional(GroupIds) }, { additionalProperties: false });

const directoryFields = {
  name: Text(200),
  url: Type.String({ minLength: 8, maxLength: 500, pattern: '^ldaps?://' }),
  bindDn: Text(1000),
  /** The CA certificate (PEM) that signed an ldaps:// directory's certificate — an internal CA; null: the system's CAs. */
  tlsCaCertificate: Type.Union([Type.String({ minLength: 50, maxLength: 20_000, pattern: '-----BEGIN CERTIFICATE-----' }), Type.Null()]),
  /** Upgrade an ldap:// connection with StartTLS before binding (the certificate verified as for ldaps://). */
  startTls: Type.Boolean(),
  userBase: Text(1000),
  /** `{login}` marks where the (escaped) login goes: `(&(objectClass=inetOrgPerson)(uid={login}))`. */
  userFilter: Type.Intersect([LdapFilter, Type.String({ pattern: '\\{login\\}' })]),
  groupBase: Type.Union([Text(1000), Type.Null()]),
  /** `{dn}` marks the user's entry DN. */
  groupFilter: LdapFilter,
  attributes: DirectoryAttributes,
  groupMappings: Type.Array(GroupMapping, { maxItems: 200 }),
  unmappedAs: UnmappedAs,
  /** Sync agents and contacts every so many minutes (null: never on its own). */
  syncEveryMinutes: Type.Union([Type.Integer({ minimum: 5, maximum: 7 * 24 * 60 }), Type.Null()]),
  active: Type.Boolean(),
};

export const CreateDirectoryBody = Type.Object(
  {
    name: directoryFields.name,
    url: directoryFields.url,
    bindDn: directoryFields.bindDn,
    bindPassword: Text(1000),
    tlsCaCertificate: Type.Optional(directoryFields.tlsCaCertificate),
    startTls: Type.Optional(directoryFields.startTls),
    userBase: directoryFields.userBase,
    userFilter: directoryFields.userFilter,
    groupBase: Type.Optional(directoryFields.groupBase),
    groupFilter: Type.Optional(directoryFields.groupFilter),
    attributes: Type.Optional(directoryFields.attributes),
    groupMappings: Type.Optional(directoryFields.groupMappings),
    unmappedAs: Type.Optional(directoryFields.unmappedAs),
    syncEveryMinutes: Type.Optional(directoryFields.syncEveryMinutes),
    active: Type.Optional(directoryFields.active),
  },
  { additionalProperties: false },
);
export type CreateDirectoryBody = Static<typeof CreateDirectoryBody>;

export const UpdateDirectoryBody = Type.Object({ version: Version, ...Type.Partial(CreateDirectoryBody).properties }, { additionalProperties: false });
export type UpdateDirectoryBody = Static<typeof UpdateDirectoryBody>;

const Time = Type.String({ format: 'date-time' });

export const Directory = Type.Object({
  id: Id,
  name: Type.String(),
  url: Type.String(),
  bindDn: Type.String(),
  /** The bind password is sealed and never shown. */
  bindPasswordSet: Type.Boolean(),
  tlsCaCertificate: Type.Union([Type.String(), Type.Null()]),
  startTls: Type.Boolean(),
  userBase: Type.String(),
  userFilter: Type.String(),
  groupBase: Type.Union([Type.String(), Type.Null()]),
  groupFilter: Type.String(),
  attributes: Type.Object({ login: Type.String(), email: Type.String(), name: Type.String(), id: Type.String() }),
  groupMappings: Type.Array(Type.Object({ group: Type.String(), roles: Type.Array(Role), groupIds: Type.Array(Id) })),
  unmappedAs: UnmappedAs,
  syncEveryMinutes: Type.Union([Type.Integer(), Type.Null()]),
  lastSyncedAt: Type.Union([Time, Type.Null()]),
  active: Type.Boolean(),
  version: Version,
  createdAt: Time,
  updatedAt: Time,
});

export const CreateOidcProviderBody = Type.Object(
  {
    name: Text(200),
    issuerUrl: Type.String({ minLength: 8, maxLength: 500, pattern: '^https?://' }),
    clientId: Text(500),
    clientSecret: Text(2000),
    /** Space-separated; must hold `openid`. */
    scopes: Type.Optional(Type.String({ minLength: 6, maxLength: 500, pattern: '(^| )openid( |$)' })),
    rolesClaim: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:/-]+$' })),
    claimMappings: Type.Optional(Type.Array(ClaimMapping, { maxItems: 200 })),
    unmappedAs: Type.Optional(UnmappedAs),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateOidcProviderBody = Static<typeof CreateOidcProviderBody>;

export const UpdateOidcProviderBody = Type.Object({ version: Version, ...Type.Partial(CreateOidcProviderBody).properties }, { additionalProperties: false });
export type UpdateOidcProviderBody = Static<typeof UpdateOidcProviderBody>;

export const OidcProvider = Type.Object({
  id: Id,
  name: Type.String(),
  issuerUrl: Type.String(),
  clientId: Type.String(),
  clientSecretSet: Type.Boolean(),
  scopes: Type.String(),
  rolesClaim: Type.String(),
  claimMappings: Type.Array(Type.Object({ value: Type.String(), roles: Type.Array(Role), groupIds: Type.Array(Id) })),
  unmappedAs: UnmappedAs,
  /** Register this at the provider as the redirect URI. */
  redirectUri: Type.String(),
  active: Type.Boolean(),
  version: Version,
  createdAt: Time,
  updatedAt: Time,
});

export const SsoSettings = Type.Object({ agentsRequireSso: Type.Boolean() }, { additionalProperties: false });
export type SsoSettings = Static<typeof SsoSettings>;

export const SsoSignInOptions = Type.Object({
  directories: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  oidcProviders: Type.Array(Type.Object({ id: Id, name: Type.String(), startUrl: Type.String() })),
});

export const DirectorySignInBody = Type.Object({ login: Text(256), password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false });

export const SyncChange = Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('disabled'), Type.Literal('failed')]);
export const SyncRun = Type.Object({
  id: Id,
  directoryId: Id,
  startedAt: Time,
  finishedAt: Time,
  created: Type.Integer(),
  updated: Type.Integer(),
  disabled: Type.Integer(),
  unchanged: Type.Integer(),
  failed: Type.Integer(),
  /** Everyone who changed (unchanged users are only counted). */
  changes: Type.Array(Type.Object({ login: Type.String(), email: Type.Union([Type.String(), Type.Null()]), change: SyncChange, reason: Type.Optional(Type.String()) })),
});
