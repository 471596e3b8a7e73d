import type { MatrixRole } from '../../../src/modules/access/route-matrix.ts';
import type { World } from '../world.ts';
import { fixed, seq, type Builder, type Which } from './builder.ts';

// Preferences and saved views (own: the caller's view; foreign: another user's).

/** A saved view of `userId`, inserted directly (the route matrix's own or foreign record). */
async function savedViewOf(w: World, userId: number): Promise<number> {
  const now = w.t.clock.now();
  const row = await w.t.ctx.db
    .insertInto('saved_views')
    .values({ user_id: userId, name: `view ${seq()}`, filter: '{"all":[]}', sort: null, version: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function preferencesVersionOf(w: World, userId: number): Promise<number> {
  const row = await w.t.ctx.db.selectFrom('user_preferences').select('version').where('user_id', '=', userId).executeTakeFirst();
  return row?.version ?? 0;
}

const viewOwnerOf = (w: World, role: MatrixRole, which: Which): number =>
  which === 'own' && role !== 'anonymous' ? w.people[role].userId : w.foreignAgent.userId;

export const preferenceRequests: Record<string, Builder> = {
  'GET /api/v1/me/preferences': fixed('/api/v1/me/preferences'),
  'PUT /api/v1/me/preferences': async (w, role) => ({
    url: '/api/v1/me/preferences',
    payload: { theme: seq() % 2 ? 'dark' : 'light', version: role === 'anonymous' ? 0 : await preferencesVersionOf(w, w.people[role].userId) },
  }),
  'GET /api/v1/me/views': fixed('/api/v1/me/views'),
  'POST /api/v1/me/views': async () => ({ url: '/api/v1/me/views', payload: { name: `view ${seq()}`, filter: { field: 'status', op: 'eq', value: 'open' } } }),
  'PATCH /api/v1/me/views/:id': async (w, role, which) => ({ url: `/api/v1/me/views/${await savedViewOf(w, viewOwnerOf(w, role, which))}`, payload: { version: 1, name: `renamed ${seq()}` } }),
  'DELETE /api/v1/me/views/:id': async (w, role, which) => ({ url: `/api/v1/me/views/${await savedViewOf(w, viewOwnerOf(w, role, which))}` }),
};
