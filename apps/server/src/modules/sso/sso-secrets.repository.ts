import type { Db } from '../../schema.ts';
import { setDirectorySecret } from './directories.repository.ts';
import { setOidcProviderSecret } from './oidc-providers.repository.ts';
import type { SsoSecret } from './sso-secrets.ts';

/** Every sealed SSO secret with its row, for the secret rotation. */
export async function listSealedSsoSecrets(db: Db): Promise<Array<{ which: SsoSecret; id: number; sealed: string }>> {
  const directories = await db.selectFrom('sso_directories').select(['id', 'bind_password_sealed']).execute();
  const providers = await db.selectFrom('sso_oidc_providers').select(['id', 'client_secret_sealed']).execute();
  return [
    ...directories.map((r) => ({ which: 'directory' as const, id: Number(r.id), sealed: r.bind_password_sealed })),
    ...providers.map((r) => ({ which: 'oidc' as const, id: Number(r.id), sealed: r.client_secret_sealed })),
  ];
}

export function storeSealedSsoSecret(db: Db, which: SsoSecret, id: number, sealed: string): Promise<void> {
  return which === 'directory' ? setDirectorySecret(db, id, sealed) : setOidcProviderSecret(db, id, sealed);
}
