import { open, resealed, seal, type SealKey } from '../../platform/crypto/index.ts';
import type { Db } from '../../schema.ts';
import { listSealedSsoSecrets, storeSealedSsoSecret } from './sso-secrets.repository.ts';

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

/**
 * The secret rotation's part (src/sealed-values.ts): every directory's bind password and every
 * provider's client secret sealed again under keys[0]; returns how many changed.
 */
export async function resealSsoSecrets(db: Db, keys: SealKey[]): Promise<number> {
  let count = 0;
  for (const row of await listSealedSsoSecrets(db)) {
    const again = resealed(keys, row.sealed, contextOf(row.which, row.id));
    if (again === null) continue;
    await storeSealedSsoSecret(db, row.which, row.id, again);
    count += 1;
  }
  return count;
}
