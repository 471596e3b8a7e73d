import { fixed, ticketFor, type Builder } from './builder.ts';

// Search: the search box, similar tickets and the index rebuild.

export const searchRequests: Record<string, Builder> = {
  'GET /api/v1/search': fixed(`/api/v1/search?q=${encodeURIComponent('پرینتر status:new')}`),
  'GET /api/v1/tickets/:id/similar': async (w, _r, which) => ({ url: `/api/v1/tickets/${(await ticketFor(w, which)).id}/similar` }),
  'POST /api/v1/search/rebuild': fixed('/api/v1/search/rebuild', {}),
  'GET /api/v1/search/rebuild': fixed('/api/v1/search/rebuild'),
};
