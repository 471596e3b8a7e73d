import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertSecureUrl, changedFieldNames, storedMappings } from '../config-rules.ts';
import { findOidcProviderRow, insertOidcProvider, setOidcProviderSecret, type OidcProviderRow } from '../oidc-providers.repository.ts';
import { sealSsoSecret } from '../sso-secrets.ts';
import { assertSsoAdmin } from '../sso.policy.ts';
import type { CreateOidcProviderBody } from '../sso.schemas.ts';
import type { SsoConfigContext } from './create-directory.ts';

export const DEFAULT_OIDC_SCOPES = 'openid email profile';

/** Adds an OpenID Connect provider (admin); the client secret is sealed; audited without secrets. */
export const createOidcProvider = defineCommand('sso.oidc_provider_create', async (ctx: SsoConfigContext, input: { actor: Actor } & CreateOidcProviderBody): Promise<OidcProviderRow> => {
  const { actor, ...body } = input;
  assertSsoAdmin(actor, 'create');
  assertSecureUrl('issuerUrl', body.issuerUrl);
  const now = ctx.clock.now();
  const id = await insertOidcProvider(ctx.db, {
    name: body.name,
    issuer_url: body.issuerUrl,
    client_id: body.clientId,
    client_secret_sealed: '',
    scopes: body.scopes ?? DEFAULT_OIDC_SCOPES,
    roles_claim: body.rolesClaim ?? 'groups',
    claim_mappings: await storedMappings(ctx.db, 'claimMappings', (body.claimMappings ?? []).map((m) => ({ ...m, match: m.value }))),
    unmapped_as: body.unmappedAs ?? 'none',
    active: body.active === false ? 0 : 1,
    created_at: now,
    updated_at: now,
    version: 1,
  });
  await setOidcProviderSecret(ctx.db, id, sealSsoSecret(ctx.sealKeys, 'oidc', id, body.clientSecret));
  await recordAudit(ctx, actor, 'sso.config_changed', { targetType: 'sso_oidc_provider', targetId: id, details: { created: true, fields: changedFieldNames(body) } });
  return (await findOidcProviderRow(ctx.db, id))!;
});
