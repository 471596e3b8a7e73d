import { Category, CategoryList, CreateCategoryBody, ErrorEnvelope, IdParams, UpdateCategoryBody } from '@pishkhan/contracts';
import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import { createCategory } from './commands/create-category.ts';
import { updateCategory } from './commands/update-category.ts';
import { seesInactiveCategories } from './categories.policy.ts';
import { presentCategory } from './categories.presenter.ts';
import { listCategoryRows } from './categories.repository.ts';
import { effectivelyActive, treeOrder } from './categories.tree.ts';
import { requireUser } from '../../platform/policy/index.ts';

const tags = ['categories'];
const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };

/** The admin-managed category tree. */
export function registerCategoryRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/categories',
    {
      schema: {
        tags,
        summary: 'The category tree as a flat list (parents first, siblings by position); contacts see active branches only',
        response: { 200: CategoryList, ...errors },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const rows = treeOrder(await listCategoryRows(ctx.db));
      const visible = seesInactiveCategories(actor) ? rows : effectivelyActive(rows);
      return { items: visible.map(presentCategory), nextCursor: null };
    },
  );

  app.post(
    '/api/v1/categories',
    {
      schema: { tags, summary: 'Add a category (admin)', body: CreateCategoryBody, response: { 201: Category, ...errors, 422: ErrorEnvelope } },
    },
    async (request, reply) => {
      const row = await createCategory(ctx, { ...request.body, actor: request.actor });
      return reply.status(201).send(presentCategory(row));
    },
  );

  app.patch(
    '/api/v1/categories/:id',
    {
      schema: {
        tags,
        summary: 'Rename, move, reorder or (de)activate a category (admin); never deleted',
        params: IdParams,
        body: UpdateCategoryBody,
        response: { 200: Category, ...errors, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope },
      },
    },
    async (request) => {
      return presentCategory(await updateCategory(ctx, { ...request.body, actor: request.actor, id: request.params.id }));
    },
  );
}
