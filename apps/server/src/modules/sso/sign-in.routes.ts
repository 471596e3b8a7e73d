import { Type } from 'typebox';
import { ErrorEnvelope, IdParams, SessionResponse } from '@pishkhan/contracts';
import type { AppContext } from '../../context.ts';
import { DomainError, notFound } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/server.ts';
import { answerExternalSession, PUBLIC_RATE_LIMIT, recordSignInFailure } from '../access/index.ts';
import { completeOidcSignIn } from './commands/complete-oidc-sign-in.ts';
import { recordSsoFailure } from './commands/record-sso-failure.ts';
import { signInWithDirectory } from './commands/sign-in-with-directory.ts';
import type { SsoSignInResult } from './sign-in-outcome.ts';
import { listDirectoryRows } from './directories.repository.ts';
import { directoryFailureKey } from './directory-settings.ts';
import { FLOW_COOKIE, FLOW_COOKIE_PATH, FLOW_TTL_MS, openFlow, safeReturnTo, sealFlow } from './oidc/flow-cookie.ts';
import { authorizationRequest } from './oidc/oidc-client.ts';
import { findOidcProviderRow, listOidcProviderRows } from './oidc-providers.repository.ts';
import { providerSettingsOf } from './provider-settings.ts';
import { SsoEntities, SsoErrors } from './sso.errors.ts';
import { DirectorySignInBody, SsoSignInOptions } from './sso.schemas.ts';

const tags = ['sso'];
const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope, 429: ErrorEnvelope, 503: ErrorEnvelope };
const clientOf = (request: { ip: string; headers: { 'user-agent'?: string } }) => ({ ip: request.ip, ...(request.headers['user-agent'] ? { userAgent: request.headers['user-agent'] } : {}) });

/** The single sign-on ways in: the sign-in page's list, a directory login, and the OpenID Connect redirect pair. All public. */
export function registerSsoSignInRoutes(app: App, ctx: AppContext): void {
  const { publicUrl, secureCookies } = ctx.config;

  app.get(
    '/api/v1/sso/options',
    { config: { auth: 'public' }, schema: { tags, summary: 'The active directories and identity providers the sign-in page offers', response: { 200: SsoSignInOptions } } },
    async () => ({
      directories: (await listDirectoryRows(ctx.db)).filter((d) => d.active === 1).map((d) => ({ id: d.id, name: d.name })),
      oidcProviders: (await listOidcProviderRows(ctx.db)).filter((p) => p.active === 1).map((p) => ({ id: p.id, name: p.name, startUrl: `/api/v1/sso/oidc/${p.id}/start` })),
    }),
  );

  app.post(
    '/api/v1/sso/directories/:id/session',
    {
      config: { auth: 'public', ...PUBLIC_RATE_LIMIT },
      schema: { tags, summary: 'Sign in with a directory (LDAP / Active Directory) login and password', params: IdParams, body: DirectorySignInBody, response: { 200: SessionResponse, ...errors } },
    },
    async (request, reply) => {
      const input = { actor: request.actor, directoryId: request.params.id, ...request.body, ...clientOf(request) };
      const result = await signInWithDirectory(ctx, input).catch(async (error: unknown) => {
        // A wrong password, an unknown or a disabled user count against the login and the address, like a password sign-in.
        if (error instanceof DomainError && error.code === SsoErrors['sso.invalid_credentials']) {
          await recordSignInFailure(ctx, { actor: request.actor, email: directoryFailureKey(request.params.id, request.body.login), ip: request.ip });
        }
        throw error;
      });
      return answer(result, reply);
    },
  );

  app.get(
    '/api/v1/sso/oidc/:id/start',
    {
      config: { auth: 'public', ...PUBLIC_RATE_LIMIT },
      schema: { tags, summary: 'Start an OpenID Connect sign-in: redirects to the provider (PKCE, state and nonce kept sealed in a cookie)', params: IdParams, querystring: Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 2000 })) }), response: { 302: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      const provider = await findOidcProviderRow(ctx.db, request.params.id);
      if (!provider || provider.active !== 1) throw notFound(SsoEntities.sso_oidc_provider);
      const { url, secrets } = await authorizationRequest(providerSettingsOf(ctx.sealKeys, publicUrl, provider));
      const flow = { ...secrets, providerId: provider.id, expiresAt: ctx.clock.now() + FLOW_TTL_MS, returnTo: safeReturnTo(request.query.returnTo) };
      reply.setCookie(FLOW_COOKIE, sealFlow(ctx.sealKeys, flow), { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: FLOW_COOKIE_PATH, maxAge: FLOW_TTL_MS / 1000 });
      return reply.redirect(url, 302);
    },
  );

  app.get(
    '/api/v1/sso/oidc/:id/callback',
    {
      config: { auth: 'public', ...PUBLIC_RATE_LIMIT },
      schema: { tags, summary: 'The provider’s redirect back: checks state, nonce and PKCE, signs in and redirects into the app', params: IdParams, response: { 302: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      const provider = await findOidcProviderRow(ctx.db, request.params.id);
      if (!provider || provider.active !== 1) throw notFound(SsoEntities.sso_oidc_provider);
      // The flow is single use: whatever happens now, its cookie goes.
      reply.clearCookie(FLOW_COOKIE, { path: FLOW_COOKIE_PATH });
      const flow = openFlow(ctx.sealKeys, request.cookies[FLOW_COOKIE], provider.id, ctx.clock.now());
      const failed = (reason: string) => recordSsoFailure(ctx, { actor: request.actor, source: 'oidc', sourceId: provider.id, reason, ip: request.ip });
      if (!flow) {
        await failed('no_flow');
        throw new DomainError(SsoErrors['sso.flow_invalid'], { reason: 'no_flow' });
      }
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const callbackUrl = new URL(`${publicUrl}/api/v1/sso/oidc/${provider.id}/callback${query}`);
      const result = await completeOidcSignIn({ ...ctx, publicUrl }, { actor: request.actor, providerId: provider.id, callbackUrl, flow, ...clientOf(request) }).catch(async (error: unknown) => {
        if (error instanceof DomainError && error.code !== SsoErrors['sso.provider_unavailable']) await failed(String(error.details.reason ?? error.code));
        throw error;
      });
      await answer(result, reply);
      return reply.redirect(flow.returnTo, 302);
    },
  );

  /** A session for a proved identity (cookie set on the reply), or 403 when it maps to no access — after the provisioning committed. */
  async function answer(result: SsoSignInResult, reply: Parameters<typeof answerExternalSession>[1]) {
    if (result.outcome === 'no_access') throw new DomainError(SsoErrors['sso.no_access']);
    return answerExternalSession(ctx, reply, result);
  }
}
