/** A one-time link's token from the page's fragment (#token=…): it never reaches a server log or a Referer. Null unless well-formed. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && /^[A-Za-z0-9_-]{16,200}$/.test(token) ? token : null;
}
