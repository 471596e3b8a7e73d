import {
  CreateOrganizationBody,
  ErrorEnvelope,
  IdParams,
  Organization,
  OrganizationListQuery,
  Page,
  UpdateOrganizationBody,
} from '@pishkhan/contracts';
import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import { createOrganization } from './commands/create-organization.ts';
import { updateOrganization } from './commands/update-organization.ts';
import { deactivateOrganization } from './commands/deactivate-organization.ts';
import { mergeOrganization } from './commands/merge-organization.ts';
import { PeopleMergeBody, VersionBody } from '@pishkhan/contracts';
import { listScope, organizationAccessOf, organizationPolicy } from './people.policy.ts';
import { presentOrganization } from './people.presenter.ts';
import { organizationPage, organizationView } from './people.queries.ts';
import { authorize, requireUser } from '../../platform/policy/index.ts';

const tags = ['organizations'];
const readErrors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };
const writeErrors = { ...readErrors, 409: ErrorEnvelope, 422: ErrorEnvelope };

/** Customer organisations: list, create, read, edit (no delete: tickets refer to them). */
export function registerOrganizationRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/organizations',
    { schema: { tags, summary: 'List organisations (desk agents and admins)', querystring: OrganizationListQuery, response: { 200: Page(Organization), ...readErrors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      listScope(actor, 'organization');
      const page = await organizationPage(ctx.db, request.query);
      return { items: page.items.map((o) => presentOrganization(actor, o)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/organizations',
    { schema: { tags, summary: 'Create an organisation', body: CreateOrganizationBody, response: { 201: Organization, ...writeErrors } } },
    async (request, reply) => {
      const organization = await createOrganization(ctx, { actor: request.actor, ...request.body });
      return reply.status(201).send(presentOrganization(request.actor, organization));
    },
  );

  app.get(
    '/api/v1/organizations/:id',
    { schema: { tags, summary: 'Read an organisation (a contact: only their own)', params: IdParams, response: { 200: Organization, ...readErrors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      const row = await organizationView(ctx.db, request.params.id);
      authorize(organizationPolicy, actor, 'read', row ? organizationAccessOf(row) : undefined);
      return presentOrganization(actor, row!);
    },
  );

  app.patch(
    '/api/v1/organizations/:id',
    {
      schema: {
        tags,
        summary: 'Edit an organisation at the version last read',
        params: IdParams,
        body: UpdateOrganizationBody,
        response: { 200: Organization, ...writeErrors },
      },
    },
    async (request) => {
      const organization = await updateOrganization(ctx, { actor: request.actor, id: request.params.id, ...request.body });
      return presentOrganization(request.actor, organization);
    },
  );

  app.post(
    '/api/v1/organizations/:id/deactivate',
    {
      schema: {
        tags,
        summary: 'Deactivate an organisation (admin; audited): no new ticket or contact may name it',
        params: IdParams,
        body: VersionBody,
        response: { 200: Organization, ...writeErrors },
      },
    },
    async (request) => presentOrganization(request.actor, await deactivateOrganization(ctx, { actor: request.actor, id: request.params.id, version: request.body.version })),
  );

  app.post(
    '/api/v1/organizations/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge this organisation into another (admin; audited): its contacts and tickets move to the survivor; it is deactivated; answers the survivor',
        params: IdParams,
        body: PeopleMergeBody,
        response: { 200: Organization, ...writeErrors },
      },
    },
    async (request) => presentOrganization(request.actor, await mergeOrganization(ctx, { actor: request.actor, id: request.params.id, ...request.body })),
  );
}
