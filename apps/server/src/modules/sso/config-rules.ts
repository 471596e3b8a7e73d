import type { Role } from '../../platform/actor.ts';
import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { findGroup } from '../people/index.ts';
import type { RoleMapping } from './mapping.ts';
import { SsoErrors } from './sso.errors.ts';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A directory or provider is reached over TLS (ldaps://, ldap:// with StartTLS, https://); plain
 * ldap:// or http:// only on this machine (tests, a local proxy), so a bind password or a code never
 * crosses a network in clear.
 */
export function assertSecureUrl(field: string, url: string, startTls = false): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError(SsoErrors['sso.insecure_url'], { field });
  }
  const secure = parsed.protocol === 'ldaps:' || parsed.protocol === 'https:' || (parsed.protocol === 'ldap:' && startTls);
  if (!secure && !LOOPBACK.has(parsed.hostname)) throw new DomainError(SsoErrors['sso.insecure_url'], { field });
}

/** The body's mappings as stored, refusing a group that does not exist (422 record.invalid_reference). */
export async function storedMappings(db: Db, field: string, items: readonly { match: string; roles: readonly Role[]; groupIds?: readonly number[] }[]): Promise<string> {
  const mappings: RoleMapping[] = items.map((m) => ({ match: m.match, roles: [...m.roles], groupIds: [...new Set(m.groupIds ?? [])] }));
  const ids = [...new Set(mappings.flatMap((m) => m.groupIds))];
  const missing: number[] = [];
  for (const id of ids) if (!(await findGroup(db, id))) missing.push(id);
  if (missing.length > 0) throw new DomainError(CommonErrors['record.invalid_reference'], { field, ids: missing });
  return JSON.stringify(mappings);
}

/** The names of the fields a body changes, for the audit entry (never their values: some are secrets). */
export function changedFieldNames(body: Record<string, unknown>): string[] {
  return Object.keys(body).filter((k) => k !== 'version' && body[k] !== undefined).sort();
}
