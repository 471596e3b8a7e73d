import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { openExternalSession } from '../../access/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { mapAccess, type UnmappedAs } from '../mapping.ts';
import { claimValues, personOfClaims } from '../oidc/claims.ts';
import { exchangeCallback } from '../oidc/oidc-client.ts';
import type { FlowState } from '../oidc/flow-cookie.ts';
import { findOidcProviderRow } from '../oidc-providers.repository.ts';
import { providerSettingsOf } from '../provider-settings.ts';
import { applyExternalPerson, hasActiveSide, refuseNoAccess } from '../provision.ts';
import { SsoEntities } from '../sso.errors.ts';
import { mappingsOf } from '../sso.presenter.ts';
import type { SsoSignInContext } from './sign-in-with-directory.ts';
import type { SsoSignInResult } from '../sign-in-outcome.ts';

type Input = { actor: Actor; providerId: number; callbackUrl: URL; flow: FlowState; ip?: string; userAgent?: string };

/**
 * The provider's callback: the code is exchanged before the unit of work (state, nonce, PKCE and the
 * ID token checked by openid-client); inside, the claims are mapped to roles, the sign-in created or
 * updated, and a session starts — or `no_access` when the claims map to nothing.
 */
export const completeOidcSignIn = defineCommand(
  'sso.oidc_sign_in',
  async (ctx: SsoSignInContext & { publicUrl: string }, input: Input, claims: Record<string, unknown> & { sub: string }): Promise<SsoSignInResult> => {
    const provider = await findOidcProviderRow(ctx.db, input.providerId);
    if (!provider || provider.active !== 1) throw notFound(SsoEntities.sso_oidc_provider);
    const access = mapAccess(claimValues(claims, provider.roles_claim), mappingsOf(provider.claim_mappings), provider.unmapped_as as UnmappedAs);
    const who = personOfClaims(claims);
    const { userId, change } = await applyExternalPerson(ctx, { source: { kind: 'oidc', id: provider.id }, subject: claims.sub, ...who, access });
    const details = { source: 'oidc', providerId: provider.id, subject: claims.sub, change };
    if (userId === null || !(await hasActiveSide(ctx, userId))) return refuseNoAccess(ctx, input, userId, details);
    const session = await openExternalSession(ctx, { userId, ip: input.ip, userAgent: input.userAgent });
    await recordAudit(ctx, input.actor, 'sso.sign_in', { targetType: 'user', targetId: userId, ip: input.ip ?? null, details });
    return { outcome: 'signed_in', userId, ...session };
  },
  {
    async prepare(ctx, input) {
      const provider = await findOidcProviderRow(ctx.db, input.providerId);
      if (!provider || provider.active !== 1) throw notFound(SsoEntities.sso_oidc_provider);
      return exchangeCallback(providerSettingsOf(ctx.sealKeys, ctx.publicUrl, provider), input.callbackUrl, input.flow);
    },
  },
);
