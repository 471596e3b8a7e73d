import { ArticleCreated, ArticleListQuery, ErrorEnvelope, IdParams, NoteBody, Page, Article, ReplyBody } from '@pishkhan/contracts';
import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import { addNote } from './commands/add-note.ts';
import { addReply } from './commands/add-reply.ts';
import { listArticles, loadArticle } from './articles.queries.ts';
import { authorizeLanding, authorizeTicket } from './ticket-access.ts';
import { seesInternal } from './tickets.policy.ts';
import { requireUser } from '../../platform/policy/index.ts';

const tags = ['tickets'];
const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };
const writeErrors = { ...errors, 409: ErrorEnvelope, 422: ErrorEnvelope };

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
      const actor = requireUser(request.actor);
      const access = await authorizeTicket(ctx.db, actor, 'read', request.params.id);
      return listArticles(ctx.db, {
        ticketId: access.id,
        includeInternal: seesInternal(actor, access),
        limit: request.query.limit ?? 50,
        cursor: request.query.cursor,
      });
    },
  );

  app.post(
    '/api/v1/tickets/:id/replies',
    {
      schema: {
        tags,
        summary: 'Add a public reply (agent, or the requester / a watching contact); a reply to a merged ticket lands in the surviving one',
        params: IdParams,
        body: ReplyBody,
        response: { 201: ArticleCreated, ...writeErrors },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      const access = await authorizeLanding(ctx.db, actor, 'reply', request.params.id);
      const { articleId, ticket } = await addReply(ctx, { actor, access, body: request.body.body, attachmentIds: request.body.attachmentIds ?? [] });
      const article = await loadArticle(ctx.db, articleId, seesInternal(actor, access));
      return reply.status(201).send({ ticketId: ticket.id, ticketNumber: ticket.number, ticketStatus: ticket.status, ticketVersion: ticket.version, article });
    },
  );

  app.post(
    '/api/v1/tickets/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add an internal note (desk only; never shown to contacts)',
        params: IdParams,
        body: NoteBody,
        response: { 201: ArticleCreated, ...writeErrors },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      const access = await authorizeLanding(ctx.db, actor, 'note', request.params.id);
      const { articleId, ticket } = await addNote(ctx, { actor, access, body: request.body.body, attachmentIds: request.body.attachmentIds ?? [] });
      const article = await loadArticle(ctx.db, articleId, seesInternal(actor, access));
      return reply.status(201).send({ ticketId: ticket.id, ticketNumber: ticket.number, ticketStatus: ticket.status, ticketVersion: ticket.version, article });
    },
  );
}
