import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import type { SealKey } from '../../../platform/crypto/index.ts';
import type { Db } from '../../../schema.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertSecureUrl, changedFieldNames, storedMappings } from '../config-rules.ts';
import { findDirectoryRow, insertDirectory, setDirectorySecret, type DirectoryRow } from '../directories.repository.ts';
import { sealSsoSecret } from '../sso-secrets.ts';
import { assertSsoAdmin } from '../sso.policy.ts';
import { DEFAULT_ATTRIBUTES, DEFAULT_GROUP_FILTER, type CreateDirectoryBody } from '../sso.schemas.ts';

export interface SsoConfigContext {
  db: Db;
  clock: Clock;
  sealKeys: SealKey[];
}

/** Adds an LDAP / Active Directory directory (admin); the bind password is sealed; audited without secrets. */
export const createDirectory = defineCommand('sso.directory_create', async (ctx: SsoConfigContext, input: { actor: Actor } & CreateDirectoryBody): Promise<DirectoryRow> => {
  const { actor, ...body } = input;
  assertSsoAdmin(actor, 'create');
  assertSecureUrl('url', body.url, body.startTls === true);
  const now = ctx.clock.now();
  const id = await insertDirectory(ctx.db, {
    name: body.name,
    url: body.url,
    bind_dn: body.bindDn,
    bind_password_sealed: '',
    tls_ca_certificate: body.tlsCaCertificate ?? null,
    start_tls: body.startTls ? 1 : 0,
    user_base: body.userBase,
    user_filter: body.userFilter,
    group_base: body.groupBase ?? null,
    group_filter: body.groupFilter ?? DEFAULT_GROUP_FILTER,
    attributes: JSON.stringify({ ...DEFAULT_ATTRIBUTES, ...body.attributes }),
    group_mappings: await storedMappings(ctx.db, 'groupMappings', (body.groupMappings ?? []).map((m) => ({ ...m, match: m.group }))),
    unmapped_as: body.unmappedAs ?? 'none',
    sync_every_minutes: body.syncEveryMinutes ?? null,
    last_synced_at: null,
    active: body.active === false ? 0 : 1,
    created_at: now,
    updated_at: now,
    version: 1,
  });
  await setDirectorySecret(ctx.db, id, sealSsoSecret(ctx.sealKeys, 'directory', id, body.bindPassword));
  await recordAudit(ctx, actor, 'sso.config_changed', { targetType: 'sso_directory', targetId: id, details: { created: true, fields: changedFieldNames(body) } });
  return (await findDirectoryRow(ctx.db, id))!;
});
