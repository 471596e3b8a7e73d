import type * as OpenIdClient from 'openid-client';
import { onFirstUse } from '../../../platform/on-first-use.ts';

const load = onFirstUse<typeof OpenIdClient>(import.meta.url, 'openid-client');

// openid-client (with jose and oauth4webapi), read on the first OpenID Connect sign-in (ADR 0037):
// the names oidc-client.ts uses, standing in for the package's.
export type { Configuration } from 'openid-client';
/** openid-client knows `allowInsecureRequests` in `execute` by identity: the stand-in is swapped for the package's own. */
export const discovery: typeof OpenIdClient.discovery = (server, clientId, metadata, auth, options) =>
  load().discovery(server, clientId, metadata, auth, options && { ...options, execute: options.execute?.map((f) => (f === allowInsecureRequests ? load().allowInsecureRequests : f)) });
export const ClientSecretBasic: typeof OpenIdClient.ClientSecretBasic = (...args) => load().ClientSecretBasic(...args);
export const allowInsecureRequests: typeof OpenIdClient.allowInsecureRequests = (...args) => load().allowInsecureRequests(...args);
export const randomState: typeof OpenIdClient.randomState = () => load().randomState();
export const randomNonce: typeof OpenIdClient.randomNonce = () => load().randomNonce();
export const randomPKCECodeVerifier: typeof OpenIdClient.randomPKCECodeVerifier = () => load().randomPKCECodeVerifier();
export const buildAuthorizationUrl: typeof OpenIdClient.buildAuthorizationUrl = (...args) => load().buildAuthorizationUrl(...args);
export const calculatePKCECodeChallenge: typeof OpenIdClient.calculatePKCECodeChallenge = (...args) => load().calculatePKCECodeChallenge(...args);
export const authorizationCodeGrant: typeof OpenIdClient.authorizationCodeGrant = (...args) => load().authorizationCodeGrant(...args);
export const fetchUserInfo: typeof OpenIdClient.fetchUserInfo = (...args) => load().fetchUserInfo(...args);
/** For `instanceof` (the flow's calls have loaded the package by the time it asks). */
export const AuthorizationResponseError = {
  [Symbol.hasInstance]: (value: unknown): value is OpenIdClient.AuthorizationResponseError => value instanceof load().AuthorizationResponseError,
};
