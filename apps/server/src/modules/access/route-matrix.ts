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
export type Outcome = 200 | 201 | 204 | 302 | 401 | 403 | 404;
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
  row('GET /api/docs', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/docs/', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/docs/json', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/docs/yaml', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/docs/static/index.html', { anonymous: [302, 302], contact: [302, 302], analyst: [302, 302], supervisor: [302, 302], manager: [302, 302], crm: [302, 302], admin: [302, 302] }),
  row('GET /api/docs/static/swagger-initializer.js', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/docs/*', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),

  // ── access ────────────────────────────────────────────────────────────────────────────────
  row('POST /api/v1/session', { anonymous: [200, 200], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('GET /api/v1/session', { anonymous: [401, 401], contact: [200, 200], analyst: [200, 200], supervisor: [200, 200], manager: [200, 200], crm: [200, 200], admin: [200, 200] }),
  row('DELETE /api/v1/session', { anonymous: [401, 401], contact: [204, 204], analyst: [204, 204], supervisor: [204, 204], manager: [204, 204], crm: [204, 204], admin: [204, 204] }),
  row('PUT /api/v1/me/password', { anonymous: [401, 401], contact: [204, 204], analyst: [204, 204], supervisor: [204, 204], manager: [204, 204], crm: [204, 204], admin: [204, 204] }),
];
