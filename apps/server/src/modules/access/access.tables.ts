import type { Generated } from 'kysely';

export interface AccessTables {
  /** Portal self sign-ups waiting for their address to be proved (migration 202612042010). */
  sign_up_requests: {
    id: Generated<number>;
    email: string;
    name: string;
    language: string;
    password_hash: string;
    created_at: number;
    verified_at: number | null;
  };
  users: {
    id: Generated<number>;
    email: string;
    email_normalized: string;
    password_hash: string | null;
    must_change_password: number;
    locale: string;
    calendar: string;
    active: number;
    last_sign_in_at: number | null;
    created_at: number;
    updated_at: number;
  };
  sessions: {
    id: Generated<number>;
    token_hash: string;
    user_id: number;
    created_at: number;
    last_seen_at: number;
    expires_at: number;
    ip: string | null;
    user_agent: string | null;
  };
  ticket_links: {
    id: Generated<number>;
    token_hash: string;
    ticket_id: number;
    contact_id: number;
    created_at: number;
    expires_at: number;
    last_used_at: number | null;
    revoked_at: number | null;
  };
  api_tokens: {
    id: Generated<number>;
    user_id: number;
    name: string;
    token_hash: string;
    scopes: string;
    created_at: number;
    expires_at: number | null;
    last_used_at: number | null;
    last_used_ip: string | null;
    revoked_at: number | null;
  };
  auth_failures: { key: string; failures: number; first_failed_at: number; last_failed_at: number; locked_until: number | null };
  rate_limits: { key: string; hits: number; window_start: number };
  user_totp: {
    id: Generated<number>;
    user_id: number;
    /** The base32 secret, sealed (context `user:<id>:totp`). */
    secret_sealed: string;
    /** Null while enrolment waits for its first code. */
    confirmed_at: number | null;
    /** The RFC 6238 time step of the last code accepted: a code works once. */
    last_time_step: number | null;
    created_at: number;
    updated_at: number;
  };
  totp_recovery_codes: { id: Generated<number>; user_id: number; code_hash: string; used_at: number | null; created_at: number };
}
