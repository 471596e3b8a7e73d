import * as oidc from './load-openid-client.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { SsoErrors } from '../sso.errors.ts';

/** What the flow needs of a provider, its client secret opened. */
export interface ProviderSettings {
  id: number;
  version: number;
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  redirectUri: string;
}

/** The secrets of one authorisation request, kept (sealed) in the browser until the callback. */
export interface FlowSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

const DISCOVERY_TTL_MS = 10 * 60_000;
const discovered = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

/** The provider's discovered configuration (cached 10 minutes per provider version); http:// issuers are loopback-only (checked at configuration). */
function configurationOf(p: ProviderSettings): Promise<oidc.Configuration> {
  const key = `${p.id}:${p.version}:${p.issuerUrl}`;
  const hit = discovered.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
  const insecure = new URL(p.issuerUrl).protocol === 'http:';
  const config = oidc.discovery(new URL(p.issuerUrl), p.clientId, undefined, oidc.ClientSecretBasic(p.clientSecret), {
    timeout: 10,
    ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
  discovered.set(key, { at: Date.now(), config });
  config.catch(() => discovered.delete(key));
  return config;
}

/** Where to send the browser: the authorisation-code request with PKCE (S256), state and nonce. */
export async function authorizationRequest(p: ProviderSettings): Promise<{ url: string; secrets: FlowSecrets }> {
  const config = await configurationOf(p).catch((error: unknown) => unavailable(error));
  const secrets = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: p.redirectUri,
    scope: p.scopes,
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(secrets.codeVerifier),
    code_challenge_method: 'S256',
    state: secrets.state,
    nonce: secrets.nonce,
  });
  return { url: url.href, secrets };
}

/**
 * Exchanges the callback's code (checking state, nonce, the PKCE verifier and the ID token) and
 * returns the ID token's claims merged with the userinfo's (same subject, checked). A callback the
 * checks refuse is `400 sso.flow_invalid`; a provider that cannot be reached `503`.
 */
export async function exchangeCallback(p: ProviderSettings, callbackUrl: URL, secrets: FlowSecrets): Promise<Record<string, unknown> & { sub: string }> {
  const config = await configurationOf(p).catch((error: unknown) => unavailable(error));
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: secrets.codeVerifier,
      expectedState: secrets.state,
      expectedNonce: secrets.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    if (isNetworkError(error)) unavailable(error);
    throw new DomainError(SsoErrors['sso.flow_invalid'], { reason: reasonOf(error) });
  }
  const claims = tokens.claims()!;
  // Userinfo adds what the ID token left out (groups, often); a provider without it still signs in on the ID token.
  const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub).catch(() => ({}));
  return { ...info, ...claims, sub: claims.sub };
}

function isNetworkError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TypeError' || error.name === 'AbortError' || error.name === 'TimeoutError');
}

function reasonOf(error: unknown): string {
  if (error instanceof oidc.AuthorizationResponseError) return error.error;
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'invalid_response';
}

function unavailable(error: unknown): never {
  throw new DomainError(SsoErrors['sso.provider_unavailable'], { reason: reasonOf(error) });
}
