import { ErrorEnvelope, IdParams, SearchPage, SearchQuery, SearchRebuild, SimilarTicketsPage, SimilarTicketsQuery } from '@pishkhan/contracts';
import { Type } from 'typebox';
import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import { authorize, requireUser } from '../../platform/policy/index.ts';
import { latestRebuild, type Rebuild } from '../../platform/search/index.ts';
import { startRebuild } from './commands/start-rebuild.ts';
import { runSearch } from './search.queries.ts';
import { SEARCH_INDEX, searchIndexPolicy } from './search.policy.ts';
import { similarTickets } from './similar.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };

function presentRebuild(r: Rebuild) {
  return {
    id: r.id,
    status: r.status,
    total: r.total,
    done: Math.min(r.done, r.total),
    startedAt: new Date(r.startedAt).toISOString(),
    finishedAt: r.finishedAt === null ? null : new Date(r.finishedAt).toISOString(),
  };
}

export function registerSearchRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Tickets, contacts and organisations matching a query of the search language, ranked, with highlighted snippets',
        querystring: SearchQuery,
        response: { 200: SearchPage, ...errors },
      },
    },
    async (request) => runSearch(ctx, requireUser(request.actor), request.query),
  );

  app.get(
    '/api/v1/tickets/:id/similar',
    {
      schema: {
        tags: ['search'],
        summary: 'The earlier tickets most similar to this one by their text (open and resolved), as the caller may see them',
        params: IdParams,
        querystring: SimilarTicketsQuery,
        response: { 200: SimilarTicketsPage, ...errors },
      },
    },
    async (request) => similarTickets(ctx, requireUser(request.actor), request.params.id, request.query.limit ?? 5),
  );

  app.post(
    '/api/v1/search/rebuild',
    {
      schema: { tags: ['search'], summary: 'Rebuild the search index in the background (admins)', response: { 201: SearchRebuild, ...errors } },
    },
    async (request, reply) => reply.status(201).send(presentRebuild(await startRebuild(ctx, { actor: requireUser(request.actor) }))),
  );

  app.get(
    '/api/v1/search/rebuild',
    {
      schema: {
        tags: ['search'],
        summary: 'Progress of the latest index rebuild (admins)',
        response: { 200: Type.Object({ rebuild: Type.Union([SearchRebuild, Type.Null()]) }), ...errors },
      },
    },
    async (request) => {
      authorize(searchIndexPolicy, requireUser(request.actor), 'rebuild', SEARCH_INDEX);
      const latest = await latestRebuild(ctx.db);
      return { rebuild: latest ? presentRebuild(latest) : null };
    },
  );
}
