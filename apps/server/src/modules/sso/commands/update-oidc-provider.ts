import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { expectVersion } from '../../../platform/db/index.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertSecureUrl, changedFieldNames, storedMappings } from '../config-rules.ts';
import { findOidcProviderRow, updateOidcProviderAtVersion, type OidcProviderRow } from '../oidc-providers.repository.ts';
import { sealSsoSecret } from '../sso-secrets.ts';
import { SsoEntities } from '../sso.errors.ts';
import { assertSsoAdmin } from '../sso.policy.ts';
import type { UpdateOidcProviderBody } from '../sso.schemas.ts';
import type { SsoConfigContext } from './create-directory.ts';

/** Edits a provider at the version last read (admin); a new client secret is sealed; `active: false` turns its sign-in off. */
export const updateOidcProvider = defineCommand('sso.oidc_provider_update', async (ctx: SsoConfigContext, input: { actor: Actor; id: number } & UpdateOidcProviderBody): Promise<OidcProviderRow> => {
  const { actor, id, version, ...body } = input;
  assertSsoAdmin(actor, 'update');
  const row = await findOidcProviderRow(ctx.db, id);
  if (!row) throw notFound(SsoEntities.sso_oidc_provider);
  expectVersion(row, version);
  if (body.issuerUrl !== undefined) assertSecureUrl('issuerUrl', body.issuerUrl);
  const updated = await updateOidcProviderAtVersion(ctx.db, id, version, {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.issuerUrl !== undefined ? { issuer_url: body.issuerUrl } : {}),
    ...(body.clientId !== undefined ? { client_id: body.clientId } : {}),
    ...(body.clientSecret !== undefined ? { client_secret_sealed: sealSsoSecret(ctx.sealKeys, 'oidc', id, body.clientSecret) } : {}),
    ...(body.scopes !== undefined ? { scopes: body.scopes } : {}),
    ...(body.rolesClaim !== undefined ? { roles_claim: body.rolesClaim } : {}),
    ...(body.claimMappings !== undefined ? { claim_mappings: await storedMappings(ctx.db, 'claimMappings', body.claimMappings.map((m) => ({ ...m, match: m.value }))) } : {}),
    ...(body.unmappedAs !== undefined ? { unmapped_as: body.unmappedAs } : {}),
    ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
    updated_at: ctx.clock.now(),
  });
  await recordAudit(ctx, actor, 'sso.config_changed', { targetType: 'sso_oidc_provider', targetId: id, details: { fields: changedFieldNames(body) } });
  return updated;
});
