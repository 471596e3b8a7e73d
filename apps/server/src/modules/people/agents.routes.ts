import { Agent, AgentListQuery, CreateAgentBody, CreatedAgent, ErrorEnvelope, IdParams, IssuedLinkResponse, Page, UpdateAgentBody } from '@pishkhan/contracts';
import { inviteAgent } from './commands/invite-agent.ts';
import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import { createAgent } from './commands/create-agent.ts';
import { updateAgent } from './commands/update-agent.ts';
import { agentPolicy, listScope } from './people.policy.ts';
import { presentAgent } from './people.presenter.ts';
import { agentPage, agentView } from './people.queries.ts';
import { authorize, requireUser } from '../../platform/policy/index.ts';

const tags = ['agents'];
const readErrors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };
const writeErrors = { ...readErrors, 409: ErrorEnvelope, 422: ErrorEnvelope };

/** Agents (staff): every agent reads; admins create and edit. Deactivate with `active: false`. */
export function registerAgentRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/agents',
    { schema: { tags, summary: 'List agents (any agent)', querystring: AgentListQuery, response: { 200: Page(Agent), ...readErrors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      listScope(actor, 'agent');
      const page = await agentPage(ctx.db, request.query);
      return { items: page.items.map((a) => presentAgent(actor, a)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/agents',
    {
      schema: {
        tags,
        summary: 'Create an agent and their sign-in (admin); without a password the one-time password is returned once',
        body: CreateAgentBody,
        response: { 201: CreatedAgent, ...writeErrors },
      },
    },
    async (request, reply) => {
      const created = await createAgent(ctx, { actor: request.actor, ...request.body });
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({
        ...presentAgent(request.actor, created.agent),
        ...(created.initialPassword !== undefined ? { initialPassword: created.initialPassword } : {}),
        linkedToExistingUser: created.linkedToExistingUser,
      });
    },
  );

  app.get(
    '/api/v1/agents/:id',
    { schema: { tags, summary: 'Read an agent (any agent)', params: IdParams, response: { 200: Agent, ...readErrors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      const row = await agentView(ctx.db, request.params.id);
      authorize(agentPolicy, actor, 'read', row);
      return presentAgent(actor, row!);
    },
  );

  app.patch(
    '/api/v1/agents/:id',
    {
      schema: {
        tags,
        summary: 'Edit an agent at the version last read (admin): name, roles, groups, active',
        params: IdParams,
        body: UpdateAgentBody,
        response: { 200: Agent, ...writeErrors },
      },
    },
    async (request) => {
      const agent = await updateAgent(ctx, { actor: request.actor, id: request.params.id, ...request.body });
      return presentAgent(request.actor, agent);
    },
  );

  app.post(
    '/api/v1/agents/:id/invitation',
    {
      schema: {
        tags,
        summary: 'Send an agent an invitation link to set their password (a new agent, or a reset): one hour, single use (admin)',
        params: IdParams,
        response: { 201: IssuedLinkResponse, ...writeErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await inviteAgent(ctx, { actor: request.actor, id: request.params.id })),
  );
}
