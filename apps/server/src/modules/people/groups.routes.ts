import { CreateGroupBody, ErrorEnvelope, Group, GroupListQuery, IdParams, Page, UpdateGroupBody } from '@pishkhan/contracts';
import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import { createGroup } from './commands/create-group.ts';
import { updateGroup } from './commands/update-group.ts';
import { groupPolicy, listScope } from './people.policy.ts';
import { presentGroup } from './people.presenter.ts';
import { groupPage, groupView } from './people.queries.ts';
import { authorize, requireUser } from '../../platform/policy/index.ts';

const tags = ['groups'];
const readErrors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };
const writeErrors = { ...readErrors, 409: ErrorEnvelope, 422: ErrorEnvelope };

/** Groups (teams tickets are assigned to): every agent reads; admins create and edit. Deactivate with `active: false`. */
export function registerGroupRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/groups',
    { schema: { tags, summary: 'List groups (any agent)', querystring: GroupListQuery, response: { 200: Page(Group), ...readErrors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      listScope(actor, 'group');
      const page = await groupPage(ctx.db, request.query);
      return { items: page.items.map((g) => presentGroup(actor, g)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/groups',
    { schema: { tags, summary: 'Create a group (admin)', body: CreateGroupBody, response: { 201: Group, ...writeErrors } } },
    async (request, reply) => {
      const group = await createGroup(ctx, { actor: request.actor, ...request.body });
      return reply.status(201).send(presentGroup(request.actor, group));
    },
  );

  app.get(
    '/api/v1/groups/:id',
    { schema: { tags, summary: 'Read a group (any agent)', params: IdParams, response: { 200: Group, ...readErrors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      const row = await groupView(ctx.db, request.params.id);
      authorize(groupPolicy, actor, 'read', row);
      return presentGroup(actor, row!);
    },
  );

  app.patch(
    '/api/v1/groups/:id',
    {
      schema: {
        tags,
        summary: 'Edit a group at the version last read (admin): names, description, active, members',
        params: IdParams,
        body: UpdateGroupBody,
        response: { 200: Group, ...writeErrors },
      },
    },
    async (request) => {
      const group = await updateGroup(ctx, { actor: request.actor, id: request.params.id, ...request.body });
      return presentGroup(request.actor, group);
    },
  );
}
