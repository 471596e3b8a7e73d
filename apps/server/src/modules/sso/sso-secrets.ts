import { open, seal, type SealKey } from '../../platform/crypto/index.ts';

/** Which sealed secret: a directory's bind password or a provider's client secret. */
export type SsoSecret = 'directory' | 'oidc';

// The context binds a secret to its row and kind: a sealed value copied elsewhere does not open.
const contextOf = (which: SsoSecret, id: number) => (which === 'directory' ? `sso_directory:${id}:bind_password` : `sso_oidc_provider:${id}:client_secret`);

export function sealSsoSecret(keys: readonly SealKey[], which: SsoSecret, id: number, plaintext: string): string {
  return seal(keys[0]!, plaintext, contextOf(which, id));
}

export function openSsoSecret(keys: SealKey[], which: SsoSecret, id: number, sealed: string): string {
  return open(keys, sealed, contextOf(which, id));
}
