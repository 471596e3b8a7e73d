import type { Generated } from 'kysely';

export interface SsoTables {
  /** LDAP / Active Directory directories an agent or contact may sign in with. */
  sso_directories: {
    id: Generated<number>;
    name: string;
    url: string;
    bind_dn: string;
    bind_password_sealed: string;
    /** PEM of the CA that signed the directory's certificate; null: Node's CAs. */
    tls_ca_certificate: string | null;
    /** 1: upgrade an ldap:// connection with StartTLS before any bind. */
    start_tls: number;
    user_base: string;
    /** An LDAP filter with `{login}` where the escaped login goes; `*` in its place lists every user (sync). */
    user_filter: string;
    group_base: string | null;
    /** An LDAP filter with `{dn}` for the user's entry DN: the groups the user belongs to. */
    group_filter: string;
    /** JSON: { login, email, name, id } attribute names. */
    attributes: string;
    /** JSON: [{ group, roles, groupIds }]. */
    group_mappings: string;
    /** What a user with no mapped role becomes: 'contact' or 'none' (no way in). */
    unmapped_as: string;
    sync_every_minutes: number | null;
    last_synced_at: number | null;
    active: number;
    created_at: number;
    updated_at: number;
    version: number;
  };
  /** OpenID Connect providers (authorisation-code flow with PKCE). */
  sso_oidc_providers: {
    id: Generated<number>;
    name: string;
    issuer_url: string;
    client_id: string;
    client_secret_sealed: string;
    scopes: string;
    /** The claim whose value(s) map to roles (e.g. `groups`, `roles`). */
    roles_claim: string;
    /** JSON: [{ value, roles, groupIds }]. */
    claim_mappings: string;
    unmapped_as: string;
    active: number;
    created_at: number;
    updated_at: number;
    version: number;
  };
  /** Which sign-in an outside identity is: one row per (source, subject). */
  sso_identities: {
    id: Generated<number>;
    source_kind: string;
    source_id: number;
    subject: string;
    user_id: number;
    login: string | null;
    created_at: number;
    last_seen_at: number;
  };
  /** The report of each directory sync: counts and who changed. */
  sso_sync_runs: {
    id: Generated<number>;
    directory_id: number;
    started_at: number;
    finished_at: number;
    created: number;
    updated: number;
    disabled: number;
    unchanged: number;
    failed: number;
    /** JSON: [{ login, email, change, reason? }]. */
    report: string;
  };
}
