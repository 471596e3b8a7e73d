import type { SealKey } from '../../platform/crypto/index.ts';
import type { DirectoryRow } from './directories.repository.ts';
import type { DirectorySettings } from './ldap/directory-client.ts';
import { attributesOf } from './sso.presenter.ts';
import { openSsoSecret } from './sso-secrets.ts';

/** A directory row as the LDAP client needs it, with the bind password opened. */
export function directorySettingsOf(keys: SealKey[], row: DirectoryRow): DirectorySettings {
  return {
    url: row.url,
    bindDn: row.bind_dn,
    bindPassword: openSsoSecret(keys, 'directory', row.id, row.bind_password_sealed),
    tlsCa: row.tls_ca_certificate,
    startTls: row.start_tls === 1,
    userBase: row.user_base,
    userFilter: row.user_filter,
    groupBase: row.group_base,
    groupFilter: row.group_filter,
    attributes: attributesOf(row),
  };
}

/** The brute-force account key of a directory login (counted like an email at password sign-in). */
export const directoryFailureKey = (directoryId: number, login: string) => `ldap:${directoryId}:${login.trim().toLowerCase()}`;
