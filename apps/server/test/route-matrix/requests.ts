import type { MatrixRole } from '../../src/modules/access/route-matrix.ts';
import { PASSWORD, type Client } from '../factories.ts';
import { freshActor, type World } from './world.ts';

export type Which = 'own' | 'foreign';

/** How to call one route as `role` on an own or foreign record; records are made fresh for each call. */
export interface PreparedRequest {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Another client than the role's shared one (a fresh session for sign-out, say). */
  client?: Client;
}
export type Builder = (w: World, role: MatrixRole, which: Which) => Promise<PreparedRequest>;

const fixed =
  (url: string, payload?: unknown): Builder =>
  async () => (payload === undefined ? { url } : { url, payload });

/** Request builders keyed like the matrix rows. Each module's routes add theirs. */
export const REQUESTS: Record<string, Builder> = {
  'GET /api/health': fixed('/api/health'),
  'GET /api/docs': fixed('/api/docs'),
  'GET /api/docs/': fixed('/api/docs/'),
  'GET /api/docs/json': fixed('/api/docs/json'),
  'GET /api/docs/yaml': fixed('/api/docs/yaml'),
  'GET /api/docs/static/index.html': fixed('/api/docs/static/index.html'),
  'GET /api/docs/static/swagger-initializer.js': fixed('/api/docs/static/swagger-initializer.js'),
  'GET /api/docs/*': fixed('/api/docs/static/swagger-ui.css'),

  'POST /api/v1/session': async (w, role) => ({
    url: '/api/v1/session',
    payload: { email: role === 'anonymous' ? w.people.analyst.email : w.people[role].email, password: PASSWORD },
  }),
  'GET /api/v1/session': fixed('/api/v1/session'),
  'DELETE /api/v1/session': async (w, role) => ({ url: '/api/v1/session', client: (await freshActor(w, role)).client }),
  'PUT /api/v1/me/password': async (w, role) => ({
    url: '/api/v1/me/password',
    payload: { currentPassword: PASSWORD, newPassword: 'a-brand-new-password-42' },
    client: (await freshActor(w, role)).client,
  }),
};
