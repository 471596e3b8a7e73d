import type { SealKey } from '../../platform/crypto/index.ts';
import type { OidcProviderRow } from './oidc-providers.repository.ts';
import type { ProviderSettings } from './oidc/oidc-client.ts';
import { redirectUriOf } from './sso.presenter.ts';
import { openSsoSecret } from './sso-secrets.ts';

/** A provider row as the OpenID Connect client needs it, with the client secret opened. */
export function providerSettingsOf(keys: SealKey[], publicUrl: string, row: OidcProviderRow): ProviderSettings {
  return {
    id: row.id,
    version: row.version,
    issuerUrl: row.issuer_url,
    clientId: row.client_id,
    clientSecret: openSsoSecret(keys, 'oidc', row.id, row.client_secret_sealed),
    scopes: row.scopes,
    redirectUri: redirectUriOf(publicUrl, row.id),
  };
}
