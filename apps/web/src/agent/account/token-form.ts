import type { CreateTokenBody } from '@pishkhan/contracts';

export interface TokenDraft { name: string; scopes: string[]; expiresInDays: number | null }

const SCOPE_ORDER = ['read', 'write', 'admin', 'metrics'] as const;

/** The create body: trimmed name, known scopes once each in a fixed order, expiry only when given. */
export function tokenBody(d: TokenDraft): CreateTokenBody {
  const scopes = SCOPE_ORDER.filter((s) => d.scopes.includes(s));
  return { name: d.name.trim(), scopes, ...(d.expiresInDays !== null ? { expiresInDays: d.expiresInDays } : {}) };
}
