/** The values of a (dotted: `realm_access.roles`) claim as strings: one string, or each string of a list. */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims;
  for (const part of path.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Who the claims describe; an email the provider says is unverified counts as none (it could be anyone's). */
export function personOfClaims(claims: Record<string, unknown>): { email: string | null; name: string; login: string | null } {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const email = claims.email_verified === false ? null : text(claims.email);
  const login = text(claims.preferred_username);
  return { email, login, name: text(claims.name) ?? login ?? email ?? '' };
}
