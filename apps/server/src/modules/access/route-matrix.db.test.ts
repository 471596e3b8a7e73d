import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { REQUESTS } from '../../../test/route-matrix/requests.ts';
import { buildWorld, type World } from '../../../test/route-matrix/world.ts';
import { MATRIX_ROLES, ROUTE_MATRIX } from './route-matrix.ts';

let t: TestApp;
let w: World;
const registered = new Set<string>();

beforeAll(async () => {
  t = await createTestApp();
  for (const r of routesOf(t)) registered.add(r);
  w = await buildWorld(t);
});
afterAll(() => t.destroy());

/** Every METHOD /path the server registered (HEAD mirrors GET and is not listed). */
function routesOf(app: TestApp): string[] {
  return app.app.routeCatalog.map((r) => `${r.method} ${r.url}`);
}

describe('route matrix', () => {
  it('runs on the dialect under test', () => {
    expect(t.ctx.dialect.name).toBe(t.dialect);
  });

  it('has exactly one row per registered route, no wildcard rows, and a request for each', () => {
    const rows = ROUTE_MATRIX.map((r) => r.route);
    expect(new Set(rows).size, 'duplicate rows').toBe(rows.length);
    expect([...registered].filter((r) => !rows.includes(r)), 'routes without a row').toEqual([]);
    expect(rows.filter((r) => !registered.has(r)), 'rows without a route').toEqual([]);
    expect(rows.filter((r) => !(r in REQUESTS)), 'rows without a request builder').toEqual([]);
    // No row may stand for several routes: the only '*' allowed is the API docs' static-asset route,
    // which @fastify/swagger-ui registers as such (public, read-only files).
    expect(rows.filter((r) => r.includes('*') && r !== 'GET /api/docs/static/*'), 'wildcard rows').toEqual([]);
    for (const r of ROUTE_MATRIX) {
      expect(Object.keys(r.expect).sort(), r.route).toEqual([...MATRIX_ROLES].sort());
      for (const role of MATRIX_ROLES) expect(r.expect[role], `${r.route} ${role}`).toHaveLength(2);
    }
  });

  for (const row of ROUTE_MATRIX) {
    it(`${row.route} answers each role as written`, async () => {
      const [method, path] = row.route.split(' ') as [string, string];
      const failures: string[] = [];
      for (const role of MATRIX_ROLES) {
        for (const [i, which] of (['own', 'foreign'] as const).entries()) {
          const build = REQUESTS[row.route];
          if (!build) throw new Error(`no request builder for ${row.route}`);
          const req = await build(w, role, which);
          const client = req.client ?? w.clients[role];
          const res = await client.request({
            method: method as 'GET',
            url: req.url,
            ...(req.payload === undefined ? {} : { payload: req.payload as object }),
            ...(req.headers ? { headers: req.headers } : {}),
          });
          const want = row.expect[role][i];
          if (res.statusCode !== want) failures.push(`${role}/${which}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
      }
      expect(failures, `${method} ${path}`).toEqual([]);
    });
  }
});
