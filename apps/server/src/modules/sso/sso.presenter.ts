import type { Role } from '../../platform/actor.ts';
import { DEFAULT_ATTRIBUTES, type DirectoryAttributes } from './sso.schemas.ts';
import type { DirectoryRow } from './directories.repository.ts';
import type { OidcProviderRow } from './oidc-providers.repository.ts';
import type { SyncRunRow } from './sync-runs.repository.ts';
import type { RoleMapping, UnmappedAs } from './mapping.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** The stored mapping rules: `[{ match, roles, groupIds }]`. */
export function mappingsOf(json: string): RoleMapping[] {
  return JSON.parse(json) as RoleMapping[];
}

export function attributesOf(row: Pick<DirectoryRow, 'attributes'>): DirectoryAttributes {
  return { ...DEFAULT_ATTRIBUTES, ...(JSON.parse(row.attributes) as Partial<DirectoryAttributes>) };
}

/** A directory for its admin: every setting but the bind password, which is only said to be set. */
export function presentDirectory(row: DirectoryRow) {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    bindDn: row.bind_dn,
    bindPasswordSet: row.bind_password_sealed !== '',
    tlsCaCertificate: row.tls_ca_certificate,
    startTls: row.start_tls === 1,
    userBase: row.user_base,
    userFilter: row.user_filter,
    groupBase: row.group_base,
    groupFilter: row.group_filter,
    attributes: attributesOf(row),
    groupMappings: mappingsOf(row.group_mappings).map((m) => ({ group: m.match, roles: m.roles, groupIds: m.groupIds })),
    unmappedAs: row.unmapped_as as UnmappedAs,
    syncEveryMinutes: row.sync_every_minutes,
    lastSyncedAt: row.last_synced_at === null ? null : iso(row.last_synced_at),
    active: row.active === 1,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Where the provider sends the browser back: register it at the provider. */
export function redirectUriOf(publicUrl: string, providerId: number): string {
  return `${publicUrl}/api/v1/sso/oidc/${providerId}/callback`;
}

export function presentOidcProvider(row: OidcProviderRow, publicUrl: string) {
  return {
    id: row.id,
    name: row.name,
    issuerUrl: row.issuer_url,
    clientId: row.client_id,
    clientSecretSet: row.client_secret_sealed !== '',
    scopes: row.scopes,
    rolesClaim: row.roles_claim,
    claimMappings: mappingsOf(row.claim_mappings).map((m) => ({ value: m.match, roles: m.roles as Role[], groupIds: m.groupIds })),
    unmappedAs: row.unmapped_as as UnmappedAs,
    redirectUri: redirectUriOf(publicUrl, row.id),
    active: row.active === 1,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function presentSyncRun(row: SyncRunRow) {
  return {
    id: row.id,
    directoryId: row.directory_id,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    created: row.created,
    updated: row.updated,
    disabled: row.disabled,
    unchanged: row.unchanged,
    failed: row.failed,
    changes: JSON.parse(row.report) as { login: string; email: string | null; change: 'created' | 'updated' | 'disabled' | 'failed'; reason?: string }[],
  };
}
