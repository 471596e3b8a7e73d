/**
 * The route matrix: the expected HTTP status of EVERY route for EVERY role, on a record of the
 * caller's own ("own": their group's ticket, their organisation, themself…) and on someone else's
 * ("foreign"). Written by hand — never derived from the policy code — so that a policy change
 * that widens or narrows access fails route-matrix.db.test.ts until this table agrees.
 * Routes without a record have the same expectation in both columns.
 * Each later issue adds rows for its routes; a route without a row fails the test.
 */
export const MATRIX_ROLES = ['anonymous', 'contact', 'analyst', 'supervisor', 'manager', 'crm', 'admin'] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];
export type Outcome = 200 | 201 | 202 | 204 | 302 | 401 | 403 | 404;
/** [own, foreign] */
export type Cell = readonly [Outcome, Outcome];
export type Expectations = { readonly [R in MatrixRole]: Cell };

export interface MatrixRow {
  /** Exactly as registered: `METHOD /path/:param`. */
  route: string;
  expect: Expectations;
}

const row = (route: string, expect: Expectations): MatrixRow => ({ route, expect });

export const ROUTE_MATRIX: readonly MatrixRow[] = [
  // ── platform ──────────────────────────────────────────────────────────────────────────────
  row('GET /api/health', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  // The live stream (platform/realtime): everyone signed in has one; ?once=true ends it after its opening.
  row('GET /api/v1/live', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/docs', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/docs/json', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/docs/yaml', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/docs/static/index.html', { anonymous: [302, 302], contact: [302, 302], analyst: [302, 302], supervisor: [302, 302], manager: [302, 302], crm: [302, 302], admin: [302, 302] }),
  row('GET /api/docs/static/swagger-initializer.js', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/docs/static/*', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),

  // ── access ────────────────────────────────────────────────────────────────────────────────
  row('POST /api/v1/session', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/v1/session', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('DELETE /api/v1/session', { anonymous: [401, 401], contact: [204, 204], analyst: [204, 204], supervisor: [204, 204], manager: [204, 204], crm: [204, 204], admin: [204, 204] }),
  row('PUT /api/v1/me/password', { anonymous: [401, 401], contact: [204, 204], analyst: [204, 204], supervisor: [204, 204], manager: [204, 204], crm: [204, 204], admin: [204, 204] }),
  // One-time links: whoever holds a live link uses it, signed in or not (each call a fresh link).
  row('POST /api/v1/invitations/accept', { anonymous: [204, 204], contact: [204, 204], analyst: [204, 204], supervisor: [204, 204], manager: [204, 204], crm: [204, 204], admin: [204, 204] }),
  row('POST /api/v1/password-reset', { anonymous: [202, 202], contact: [202, 202], analyst: [202, 202], supervisor: [202, 202], manager: [202, 202], crm: [202, 202], admin: [202, 202] }),
  // Portal self sign-up is off by default (access.portal_sign_up): 403 auth.sign_up_disabled for everyone; sign-up.db.test.ts turns it on.
  row('GET /api/v1/admin/portal/settings', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('PUT /api/v1/admin/portal/settings', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('GET /api/v1/portal/config', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/portal/sign-up', { anonymous: [403, 403], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [403, 403] }),
  row('POST /api/v1/portal/sign-up/verify', { anonymous: [403, 403], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [403, 403] }),
  row('POST /api/v1/password-reset/complete', { anonymous: [204, 204], contact: [204, 204], analyst: [204, 204], supervisor: [204, 204], manager: [204, 204], crm: [204, 204], admin: [204, 204] }),
  // Personal API tokens (own: the caller's; foreign: another user's, which only an admin revokes). A
  // session never reads /metrics: a metrics-scoped token does (tokens.db.test.ts).
  row('POST /api/v1/me/tokens', { anonymous: [401, 401], contact: [201, 201], analyst: [201, 201], supervisor: [201, 201], manager: [201, 201], crm: [201, 201], admin: [201, 201] }),
  row('GET /api/v1/me/tokens', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('DELETE /api/v1/tokens/:id', { anonymous: [401, 401], contact: [204, 404], analyst: [204, 404], supervisor: [204, 404], manager: [204, 404], crm: [204, 404], admin: [204, 204] }),
  row('GET /metrics', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [403, 403] }),
  // Sessions (own: a fresh session of the caller; foreign: another user's) and the admin's unlock.
  row('GET /api/v1/me/sessions', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('DELETE /api/v1/sessions/:id', { anonymous: [401, 401], contact: [204, 404], analyst: [204, 404], supervisor: [204, 404], manager: [204, 404], crm: [204, 404], admin: [204, 204] }),
  row('GET /api/v1/admin/users/:id/sessions', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('POST /api/v1/admin/users/:id/unlock', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [204, 204] }),
  // The sign-in's second step: a fresh agent with a second factor, its challenge and code (public, like the first step).
  row('POST /api/v1/session/second-factor', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  // Your own second factor: agents only, with a session (own = foreign: it is always the caller's). Fresh callers for the writes.
  row('GET /api/v1/me/totp', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/me/totp', { anonymous: [401, 401], contact: [403, 403], analyst: [201, 201], supervisor: [201, 201], manager: [201, 201], crm: [201, 201], admin: [201, 201] }),
  row('POST /api/v1/me/totp/confirm', { anonymous: [401, 401], contact: [403, 403], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/me/totp/disable', { anonymous: [401, 401], contact: [403, 403], analyst: [204, 204], supervisor: [204, 204], manager: [204, 204], crm: [204, 204], admin: [204, 204] }),
  row('POST /api/v1/me/totp/recovery-codes', { anonymous: [401, 401], contact: [403, 403], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/admin/users/:id/totp/reset', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [204, 204] }),
  row('GET /api/v1/admin/audit', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('POST /api/v1/ticket-link/session', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  // ── sso (modules/sso) ────────────────────────────────────────────────────────────────────
  // Configuration is an admin's alone (403 for everyone else: it is nobody's own record). The ways
  // in are public; called here on an inactive directory or provider, which nobody finds.
  row('GET /api/v1/admin/sso/directories', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('POST /api/v1/admin/sso/directories', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [201, 201] }),
  row('GET /api/v1/admin/sso/directories/:id', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('PATCH /api/v1/admin/sso/directories/:id', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('POST /api/v1/admin/sso/directories/:id/sync', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [202, 202] }),
  row('GET /api/v1/admin/sso/directories/:id/sync-runs', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('GET /api/v1/admin/sso/oidc-providers', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('POST /api/v1/admin/sso/oidc-providers', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [201, 201] }),
  row('GET /api/v1/admin/sso/oidc-providers/:id', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('PATCH /api/v1/admin/sso/oidc-providers/:id', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('GET /api/v1/admin/sso/settings', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('PUT /api/v1/admin/sso/settings', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('GET /api/v1/sso/options', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/sso/directories/:id/session', { anonymous: [404, 404], contact: [404, 404], analyst: [404, 404], supervisor: [404, 404], manager: [404, 404], crm: [404, 404], admin: [404, 404] }),
  row('GET /api/v1/sso/oidc/:id/start', { anonymous: [404, 404], contact: [404, 404], analyst: [404, 404], supervisor: [404, 404], manager: [404, 404], crm: [404, 404], admin: [404, 404] }),
  row('GET /api/v1/sso/oidc/:id/callback', { anonymous: [404, 404], contact: [404, 404], analyst: [404, 404], supervisor: [404, 404], manager: [404, 404], crm: [404, 404], admin: [404, 404] }),
  // ── people ────────────────────────────────────────────────────────────────────────────────
  // own: organisation 1 (the contact's, managed by the crm agent), its contacts, the contact themself;
  // group A and its agents. foreign: organisation 2, its contacts, group B and its agents.
  row('GET /api/v1/organizations', { anonymous: [401, 401], contact: [403, 403], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/organizations', { anonymous: [401, 401], contact: [403, 403], analyst: [201, 201], supervisor: [201, 201], manager: [201, 201], crm: [403, 403], admin: [201, 201] }),
  row('GET /api/v1/organizations/:id', { anonymous: [401, 401], contact: [200, 404], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('PATCH /api/v1/organizations/:id', { anonymous: [401, 401], contact: [403, 404], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 403], admin: [200, 200] }),
  row('POST /api/v1/organizations/:id/deactivate', { anonymous: [401, 401], contact: [403, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('POST /api/v1/organizations/:id/merge', { anonymous: [401, 401], contact: [403, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('GET /api/v1/contacts', { anonymous: [401, 401], contact: [403, 403], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/contacts', { anonymous: [401, 401], contact: [403, 403], analyst: [201, 201], supervisor: [201, 201], manager: [201, 201], crm: [403, 403], admin: [201, 201] }),
  row('GET /api/v1/contacts/:id', { anonymous: [401, 401], contact: [200, 404], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('PATCH /api/v1/contacts/:id', { anonymous: [401, 401], contact: [403, 404], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 403], admin: [200, 200] }),
  // Linking a sign-in to a contact: admins only (own: the contact themself for the contact role, else a contact of org 1).
  row('POST /api/v1/contacts/:id/sign-in', { anonymous: [401, 401], contact: [403, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  // Inviting to the portal: whoever edits the contact (own: the contact themself for the contact role, else a contact of org 1).
  row('POST /api/v1/contacts/:id/invitation', { anonymous: [401, 401], contact: [403, 404], analyst: [201, 201], supervisor: [201, 201], manager: [201, 201], crm: [201, 403], admin: [201, 201] }),
  row('POST /api/v1/contacts/:id/deactivate', { anonymous: [401, 401], contact: [403, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('POST /api/v1/contacts/:id/merge', { anonymous: [401, 401], contact: [403, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('GET /api/v1/agents', { anonymous: [401, 401], contact: [403, 403], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/agents', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [201, 201] }),
  row('GET /api/v1/agents/:id', { anonymous: [401, 401], contact: [404, 404], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('PATCH /api/v1/agents/:id', { anonymous: [401, 401], contact: [404, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('POST /api/v1/agents/:id/invitation', { anonymous: [401, 401], contact: [404, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [201, 201] }),
  row('GET /api/v1/groups', { anonymous: [401, 401], contact: [403, 403], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/groups', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [201, 201] }),
  row('GET /api/v1/groups/:id', { anonymous: [401, 401], contact: [404, 404], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('PATCH /api/v1/groups/:id', { anonymous: [401, 401], contact: [404, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  // ── duty (own: an agent / group A, the supervisor's; foreign: group B's). Agents see who is on
  // duty; an agent sets their own, a supervisor of the group, a manager or an admin anyone's ─────
  row('GET /api/v1/me/duty', { anonymous: [401, 401], contact: [403, 403], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('PUT /api/v1/me/duty', { anonymous: [401, 401], contact: [403, 403], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/v1/agents/:id/duty', { anonymous: [401, 401], contact: [404, 404], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('PUT /api/v1/agents/:id/duty', { anonymous: [401, 401], contact: [404, 404], analyst: [403, 403], supervisor: [200, 403], manager: [200, 200], crm: [403, 403], admin: [200, 200] }),
  row('GET /api/v1/groups/:id/assignment', { anonymous: [401, 401], contact: [404, 404], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('PUT /api/v1/groups/:id/assignment', { anonymous: [401, 401], contact: [404, 404], analyst: [403, 403], supervisor: [200, 403], manager: [200, 200], crm: [403, 403], admin: [200, 200] }),
  // ── notifications (own: a notification of the caller; foreign: someone else's) ─────────────
  row('GET /api/v1/me/notifications', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/me/notifications/:id/read', { anonymous: [401, 401], contact: [200, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 404], crm: [200, 404], admin: [200, 404] }),
  row('POST /api/v1/me/notifications/read-all', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/v1/me/notification-settings', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('PUT /api/v1/me/notification-settings', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  // Email templates: admins only.
  row('GET /api/v1/admin/notification-templates', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('PUT /api/v1/admin/notification-templates/:kind/:language', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('POST /api/v1/admin/notification-templates/preview', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  // Links in mail: the one-time token is the authority, whoever holds it (own: a link to the contact's ticket; foreign: another contact's).
  row('GET /m/:token', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /m/:token', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/v1/mail-links/:token', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/mail-links/:token', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  // ── preferences (own: the caller's saved view; foreign: another user's) ─────────────────────
  row('GET /api/v1/me/preferences', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('PUT /api/v1/me/preferences', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/v1/me/views', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/me/views', { anonymous: [401, 401], contact: [201, 201], analyst: [201, 201], supervisor: [201, 201], manager: [201, 201], crm: [201, 201], admin: [201, 201] }),
  row('PATCH /api/v1/me/views/:id', { anonymous: [401, 401], contact: [200, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 404], crm: [200, 404], admin: [200, 404] }),
  row('DELETE /api/v1/me/views/:id', { anonymous: [401, 401], contact: [204, 404], analyst: [204, 404], supervisor: [204, 404], manager: [204, 404], crm: [204, 404], admin: [204, 404] }),
  // ── the web app: public pages (the app signs in by itself; deep links are the not-found fallback); hashed assets, here a missing one
  row('GET /assets/:name', { anonymous: [404, 404], contact: [404, 404], analyst: [404, 404], supervisor: [404, 404], manager: [404, 404], crm: [404, 404], admin: [404, 404] }),
  row('GET /', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /portal', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  // ── admin: jobs (a fresh dead job each call) ─────────────────────────────────────────────
  row('GET /api/v1/admin/jobs', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('POST /api/v1/admin/jobs/:id/retry', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),

  // ── search (own/foreign: the similar tickets of a ticket, as GET /tickets/:id) ──────────────
  row('GET /api/v1/search', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/v1/tickets/:id/similar', { anonymous: [401, 401], contact: [200, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [200, 404], admin: [404, 404] }),
  row('POST /api/v1/search/rebuild', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [201, 201] }),
  row('GET /api/v1/search/rebuild', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),

  // ── email: mailboxes (agents read, admins write; the same mailbox for own and foreign) ───
  row('GET /api/v1/admin/mailboxes', { anonymous: [401, 401], contact: [403, 403], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/admin/mailboxes', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [201, 201] }),
  row('GET /api/v1/admin/mailboxes/:id', { anonymous: [401, 401], contact: [404, 404], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('PATCH /api/v1/admin/mailboxes/:id', { anonymous: [401, 401], contact: [404, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),

  // ── calendars (agents read, admins write; contacts see none: 403 on lists, 404 on a calendar) ──
  row('GET /api/v1/admin/calendars', { anonymous: [401, 401], contact: [403, 403], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/admin/calendars', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [201, 201] }),
  row('GET /api/v1/admin/calendars/:id', { anonymous: [401, 401], contact: [404, 404], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('PATCH /api/v1/admin/calendars/:id', { anonymous: [401, 401], contact: [404, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('DELETE /api/v1/admin/calendars/:id', { anonymous: [401, 401], contact: [404, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [204, 204] }),
  row('GET /api/v1/admin/calendars/:id/month', { anonymous: [401, 401], contact: [404, 404], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/v1/admin/calendars/:id/history', { anonymous: [401, 401], contact: [404, 404], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/admin/calendars/:id/holidays', { anonymous: [401, 401], contact: [404, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [201, 201] }),
  row('DELETE /api/v1/admin/calendars/:id/holidays/:holidayId', { anonymous: [401, 401], contact: [404, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [204, 204] }),
  row('POST /api/v1/admin/calendars/:id/closures', { anonymous: [401, 401], contact: [404, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [201, 201] }),
  row('GET /api/v1/admin/calendars/hijri-confirmations', { anonymous: [401, 401], contact: [403, 403], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/admin/calendars/hijri-confirmations', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [201, 201] }),

  // ── SLA policies and rules (agents read, admins write; contacts see none) ──
  row('GET /api/v1/admin/sla/policies', { anonymous: [401, 401], contact: [403, 403], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/admin/sla/policies', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [201, 201] }),
  row('GET /api/v1/admin/sla/policies/:id', { anonymous: [401, 401], contact: [404, 404], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('PATCH /api/v1/admin/sla/policies/:id', { anonymous: [401, 401], contact: [404, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  // contracts: admins write; admins and managers read all; a crm agent reads those of the organisations they manage (own = organisation 1)
  row('GET /api/v1/admin/contracts', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/admin/contracts', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [201, 201] }),
  row('GET /api/v1/admin/contracts/:id', { anonymous: [401, 401], contact: [404, 404], analyst: [404, 404], supervisor: [404, 404], manager: [200, 200], crm: [200, 404], admin: [200, 200] }),
  row('PATCH /api/v1/admin/contracts/:id', { anonymous: [401, 401], contact: [404, 404], analyst: [404, 404], supervisor: [404, 404], manager: [403, 403], crm: [403, 404], admin: [200, 200] }),
  row('DELETE /api/v1/admin/contracts/:id', { anonymous: [401, 401], contact: [404, 404], analyst: [404, 404], supervisor: [404, 404], manager: [403, 403], crm: [403, 404], admin: [204, 204] }),
  row('GET /api/v1/admin/contracts/:id/penalties', { anonymous: [401, 401], contact: [404, 404], analyst: [404, 404], supervisor: [404, 404], manager: [200, 200], crm: [200, 404], admin: [200, 200] }),
  row('GET /api/v1/admin/sla/rules', { anonymous: [401, 401], contact: [403, 403], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/admin/sla/rules', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [201, 201] }),
  row('PATCH /api/v1/admin/sla/rules/:id', { anonymous: [401, 401], contact: [404, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('DELETE /api/v1/admin/sla/rules/:id', { anonymous: [401, 401], contact: [404, 404], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [204, 204] }),

  // ── tickets ───────────────────────────────────────────────────────────────────────────────
  // own: a ticket of group A whose requester is the contact, in organisation 1 (the crm agent's);
  // foreign: a ticket of group B, another contact, organisation 2. Admin without a desk role sees none.
  row('POST /api/v1/tickets', { anonymous: [401, 401], contact: [201, 201], analyst: [201, 201], supervisor: [201, 201], manager: [201, 201], crm: [403, 403], admin: [403, 403] }),
  row('GET /api/v1/tickets', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/tickets/search', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  // Presence: the desk's only (own ticket: a contact may read it, yet sees no presence → 403).
  row('GET /api/v1/tickets/:id/presence', { anonymous: [401, 401], contact: [403, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [200, 404], admin: [404, 404] }),
  row('PUT /api/v1/tickets/:id/presence', { anonymous: [401, 401], contact: [403, 404], analyst: [204, 404], supervisor: [204, 404], manager: [204, 204], crm: [204, 404], admin: [404, 404] }),
  row('DELETE /api/v1/tickets/:id/presence', { anonymous: [401, 401], contact: [403, 404], analyst: [204, 404], supervisor: [204, 404], manager: [204, 204], crm: [204, 404], admin: [404, 404] }),
  row('GET /api/v1/tickets/:id', { anonymous: [401, 401], contact: [200, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [200, 404], admin: [404, 404] }),
  row('PATCH /api/v1/tickets/:id', { anonymous: [401, 401], contact: [403, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [403, 404], admin: [404, 404] }),
  row('GET /api/v1/tickets/:id/history', { anonymous: [401, 401], contact: [403, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [200, 404], admin: [404, 404] }),
  row('POST /api/v1/tickets/:id/confirm', { anonymous: [401, 401], contact: [200, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [403, 404], admin: [404, 404] }),
  row('POST /api/v1/tickets/:id/reopen', { anonymous: [401, 401], contact: [200, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [403, 404], admin: [404, 404] }),
  row('POST /api/v1/tickets/:id/escalations', { anonymous: [401, 401], contact: [403, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [403, 404], admin: [404, 404] }),
  row('POST /api/v1/tickets/:id/escalation/acknowledge', { anonymous: [401, 401], contact: [403, 404], analyst: [403, 404], supervisor: [200, 404], manager: [200, 200], crm: [403, 404], admin: [404, 404] }),
  row('POST /api/v1/tickets/:id/escalation/deescalate', { anonymous: [401, 401], contact: [403, 404], analyst: [403, 404], supervisor: [200, 404], manager: [200, 200], crm: [403, 404], admin: [404, 404] }),
  row('GET /api/v1/queues', { anonymous: [401, 401], contact: [403, 403], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/v1/queues/:name/tickets', { anonymous: [401, 401], contact: [403, 403], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/v1/settings/priority-matrix', { anonymous: [401, 401], contact: [403, 403], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('PUT /api/v1/settings/priority-matrix', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),

  // ── ticket timeline ───────────────────────────────────────────────────────────────────────
  row('GET /api/v1/tickets/:id/articles', { anonymous: [401, 401], contact: [200, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [200, 404], admin: [404, 404] }),
  row('POST /api/v1/tickets/:id/replies', { anonymous: [401, 401], contact: [201, 404], analyst: [201, 404], supervisor: [201, 404], manager: [201, 201], crm: [403, 404], admin: [404, 404] }),
  row('POST /api/v1/tickets/:id/notes', { anonymous: [401, 401], contact: [403, 404], analyst: [201, 404], supervisor: [201, 404], manager: [201, 201], crm: [403, 404], admin: [404, 404] }),
  // Mail out: a reply by mail is the desk's (a contact's own reply is refused, 403); a third-party message and the mail list are the notes' audience.
  row('POST /api/v1/tickets/:id/email/replies', { anonymous: [401, 401], contact: [403, 404], analyst: [201, 404], supervisor: [201, 404], manager: [201, 201], crm: [403, 404], admin: [404, 404] }),
  row('POST /api/v1/tickets/:id/email/third-party', { anonymous: [401, 401], contact: [403, 404], analyst: [201, 404], supervisor: [201, 404], manager: [201, 201], crm: [403, 404], admin: [404, 404] }),
  row('GET /api/v1/tickets/:id/email/messages', { anonymous: [401, 401], contact: [403, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [403, 404], admin: [404, 404] }),
  row('POST /api/v1/email/messages/:id/retry', { anonymous: [401, 401], contact: [403, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [403, 404], admin: [404, 404] }),
  // Mail out's settings: admins only (signatures: own = group A, foreign = group B).
  row('GET /api/v1/admin/email/outbound', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('PUT /api/v1/admin/email/default-relay', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('PUT /api/v1/admin/email/signatures/:id', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('PUT /api/v1/admin/mailboxes/:id/notifications', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  // Mail in: held mail is reviewed by admins and supervisors (nobody's ticket yet; own = foreign). A ticket's
  // inbound mail and its raw message are the desk's, like the ticket's mail list.
  row('GET /api/v1/admin/email/held', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [200, 200], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('GET /api/v1/admin/email/held/:id', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [200, 200], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('POST /api/v1/admin/email/held/:id/accept', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [200, 200], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('POST /api/v1/admin/email/held/:id/reject', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [200, 200], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
  row('GET /api/v1/tickets/:id/email/inbound', { anonymous: [401, 401], contact: [403, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [403, 404], admin: [404, 404] }),
  row('GET /api/v1/email/inbound/:id/raw', { anonymous: [401, 401], contact: [403, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [403, 404], admin: [404, 404] }),
  row('POST /api/v1/tickets/:id/attachments', { anonymous: [401, 401], contact: [201, 404], analyst: [201, 404], supervisor: [201, 404], manager: [201, 201], crm: [403, 404], admin: [404, 404] }),
  row('GET /api/v1/tickets/:id/attachments', { anonymous: [401, 401], contact: [200, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [200, 404], admin: [404, 404] }),
  row('GET /api/v1/attachments/:id/content', { anonymous: [401, 401], contact: [200, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [200, 404], admin: [404, 404] }),
  row('GET /api/v1/tickets/:id/relations', { anonymous: [401, 401], contact: [200, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [200, 404], admin: [404, 404] }),
  row('POST /api/v1/tickets/:id/relations', { anonymous: [401, 401], contact: [403, 404], analyst: [201, 404], supervisor: [201, 404], manager: [201, 201], crm: [403, 404], admin: [404, 404] }),
  row('DELETE /api/v1/tickets/:id/relations/:relationId', { anonymous: [401, 401], contact: [403, 404], analyst: [204, 404], supervisor: [204, 404], manager: [204, 204], crm: [403, 404], admin: [404, 404] }),
  row('POST /api/v1/tickets/:id/merge', { anonymous: [401, 401], contact: [403, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [403, 404], admin: [404, 404] }),
  row('GET /api/v1/tickets/:id/watchers', { anonymous: [401, 401], contact: [200, 404], analyst: [200, 404], supervisor: [200, 404], manager: [200, 200], crm: [200, 404], admin: [404, 404] }),
  row('POST /api/v1/tickets/:id/watchers', { anonymous: [401, 401], contact: [403, 404], analyst: [201, 404], supervisor: [201, 404], manager: [201, 201], crm: [403, 404], admin: [404, 404] }),
  row('DELETE /api/v1/tickets/:id/watchers/:watcherId', { anonymous: [401, 401], contact: [403, 404], analyst: [204, 404], supervisor: [204, 404], manager: [204, 204], crm: [403, 404], admin: [404, 404] }),
  row('GET /api/v1/categories', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('POST /api/v1/categories', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [201, 201] }),
  row('PATCH /api/v1/categories/:id', { anonymous: [401, 401], contact: [403, 403], analyst: [403, 403], supervisor: [403, 403], manager: [403, 403], crm: [403, 403], admin: [200, 200] }),
];
