import { ArticleCreated, ArticleListQuery, ErrorEnvelope, IdempotencyHeaders, IdParams, NoteBody, Page, Article, ReplyBody } from '@pishkhan/contracts';
import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import { appendArticle, type AppendArticleResult } from './commands/append-article.ts';
import { listArticles } from './articles.queries.ts';
import { presentArticle } from './articles.presenter.ts';
import { authorizeTicket } from './ticket-access.ts';
import { seesInternal } from './tickets.policy.ts';
import { requireCaller } from '../../platform/policy/index.ts';

const tags = ['tickets'];
const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };
const writeErrors = { ...errors, 409: ErrorEnvelope, 422: ErrorEnvelope };
/** A retried POST with the same key returns the first article and writes nothing. */

/** POST …/replies and …/notes: the same command (appendArticle), one kind each. */
const WRITES = [
  {
    path: 'replies',
    kind: 'reply',
    body: ReplyBody,
    summary: 'Add a public reply (agent, or the requester / a watching contact); a reply to a merged ticket lands in the surviving one',
  },
  { path: 'notes', kind: 'note', body: NoteBody, summary: 'Add an internal note (desk only; never shown to contacts)' },
] as const;

function created(result: AppendArticleResult) {
  const { ticket } = result;
  return { ticketId: ticket.id, ticketNumber: ticket.number, ticketStatus: ticket.status, ticketVersion: ticket.version, article: presentArticle(result.article) };
}

/** GET the timeline; POST public replies and internal notes (both land in the surviving ticket of a merge). */
export function registerArticleRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/tickets/:id/articles',
    {
      schema: {
        tags,
        summary: "A ticket's timeline, oldest first (contacts never receive internal notes or internal attachments)",
        params: IdParams,
        querystring: ArticleListQuery,
        response: { 200: Page(Article), ...errors },
      },
    },
    async (request) => {
      const actor = requireCaller(request.actor);
      const access = await authorizeTicket(ctx.db, actor, 'read', request.params.id);
      const page = await listArticles(ctx.db, {
        ticketId: access.id,
        includeInternal: seesInternal(actor, access),
        limit: request.query.limit ?? 50,
        cursor: request.query.cursor,
        reader: { actor, language: request.language },
      });
      return { items: page.items.map(presentArticle), nextCursor: page.nextCursor };
    },
  );

  for (const write of WRITES) {
    app.post(
      `/api/v1/tickets/:id/${write.path}`,
      {
        schema: { tags, summary: write.summary, params: IdParams, headers: IdempotencyHeaders, body: write.body, response: { 201: ArticleCreated, ...writeErrors } },
      },
      async (request, reply) => {
        const result = await appendArticle(ctx, {
          actor: request.actor,
          ticketId: request.params.id,
          kind: write.kind,
          body: request.body.body,
          attachmentIds: request.body.attachmentIds,
          idempotencyKey: request.headers['idempotency-key'],
        });
        return reply.status(201).send(created(result));
      },
    );
  }
}
