/** What a single sign-on command returns: a session for the route to set, or "proved, but no access" for it to refuse after the commit. */
export type SsoSignInResult = { outcome: 'signed_in'; userId: number; sessionId: number; token: string } | { outcome: 'no_access'; userId: number | null };
