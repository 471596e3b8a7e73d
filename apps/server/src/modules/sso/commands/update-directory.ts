import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { expectVersion } from '../../../platform/db/index.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertSecureUrl, changedFieldNames, storedMappings } from '../config-rules.ts';
import { findDirectoryRow, updateDirectoryAtVersion, type DirectoryRow } from '../directories.repository.ts';
import { attributesOf } from '../sso.presenter.ts';
import { sealSsoSecret } from '../sso-secrets.ts';
import { assertSsoAdmin } from '../sso.policy.ts';
import type { UpdateDirectoryBody } from '../sso.schemas.ts';
import { SsoEntities } from '../sso.errors.ts';
import type { SsoConfigContext } from './create-directory.ts';

/** Edits a directory at the version last read (admin); a new bind password is sealed; `active: false` turns its sign-in and sync off. */
export const updateDirectory = defineCommand('sso.directory_update', async (ctx: SsoConfigContext, input: { actor: Actor; id: number } & UpdateDirectoryBody): Promise<DirectoryRow> => {
  const { actor, id, version, ...body } = input;
  assertSsoAdmin(actor, 'update');
  const row = await findDirectoryRow(ctx.db, id);
  if (!row) throw notFound(SsoEntities.sso_directory);
  expectVersion(row, version);
  if (body.url !== undefined || body.startTls !== undefined) assertSecureUrl('url', body.url ?? row.url, body.startTls ?? row.start_tls === 1);
  const updated = await updateDirectoryAtVersion(ctx.db, id, version, {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.url !== undefined ? { url: body.url } : {}),
    ...(body.bindDn !== undefined ? { bind_dn: body.bindDn } : {}),
    ...(body.bindPassword !== undefined ? { bind_password_sealed: sealSsoSecret(ctx.sealKeys, 'directory', id, body.bindPassword) } : {}),
    ...(body.tlsCaCertificate !== undefined ? { tls_ca_certificate: body.tlsCaCertificate } : {}),
    ...(body.startTls !== undefined ? { start_tls: body.startTls ? 1 : 0 } : {}),
    ...(body.userBase !== undefined ? { user_base: body.userBase } : {}),
    ...(body.userFilter !== undefined ? { user_filter: body.userFilter } : {}),
    ...(body.groupBase !== undefined ? { group_base: body.groupBase } : {}),
    ...(body.groupFilter !== undefined ? { group_filter: body.groupFilter } : {}),
    ...(body.attributes !== undefined ? { attributes: JSON.stringify({ ...attributesOf(row), ...body.attributes }) } : {}),
    ...(body.groupMappings !== undefined ? { group_mappings: await storedMappings(ctx.db, 'groupMappings', body.groupMappings.map((m) => ({ ...m, match: m.group }))) } : {}),
    ...(body.unmappedAs !== undefined ? { unmapped_as: body.unmappedAs } : {}),
    ...(body.syncEveryMinutes !== undefined ? { sync_every_minutes: body.syncEveryMinutes } : {}),
    ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
    updated_at: ctx.clock.now(),
  });
  await recordAudit(ctx, actor, 'sso.config_changed', { targetType: 'sso_directory', targetId: id, details: { fields: changedFieldNames(body) } });
  return updated;
});
