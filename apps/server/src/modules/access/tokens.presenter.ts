import type { ApiToken } from '@pishkhan/contracts';
import { parseScopes } from './tokens.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentApiToken(row: {
  id: number;
  name: string;
  scopes: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  last_used_ip: string | null;
  revoked_at: number | null;
}): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: parseScopes(row.scopes),
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: iso(row.expires_at),
    lastUsedAt: iso(row.last_used_at),
    lastUsedIp: row.last_used_ip,
    revokedAt: iso(row.revoked_at),
  };
}
