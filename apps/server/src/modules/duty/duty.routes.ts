import { AgentDuty, ErrorEnvelope, GroupAssignment, IdParams, UpdateAgentDutyBody, UpdateGroupAssignmentBody } from '@pishkhan/contracts';
import type { AppContext } from '../../context.ts';
import { agentSideOf } from '../../platform/actor.ts';
import { forbidden } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/server.ts';
import { requireUser } from '../../platform/policy/index.ts';
import { updateAgentDuty } from './commands/update-agent-duty.ts';
import { updateGroupAssignment } from './commands/update-group-assignment.ts';
import { readAgentDuty, readGroupAssignment } from './duty.queries.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };
const edit = { ...errors, 409: ErrorEnvelope, 422: ErrorEnvelope };
const tags = ['duty'];

/** Who is on duty: an agent's calendar and away period; a group's automatic assignment. */
export function registerDutyRoutes(app: App, ctx: AppContext): void {
  const myAgentId = (actor: Parameters<typeof requireUser>[0]) => {
    const agent = agentSideOf(requireUser(actor));
    if (!agent) throw forbidden('duty');
    return agent.id;
  };

  app.get('/api/v1/me/duty', { schema: { tags, summary: 'My working calendar and away period', response: { 200: AgentDuty, ...errors } } }, async (request) =>
    readAgentDuty(ctx.db, request.actor, myAgentId(request.actor), ctx.clock.now()),
  );
  app.put('/api/v1/me/duty', { schema: { tags, summary: 'Set my working calendar, or mark myself away until a return date', body: UpdateAgentDutyBody, response: { 200: AgentDuty, ...edit } } }, async (request) => {
    const agentId = myAgentId(request.actor);
    await updateAgentDuty(ctx, { actor: request.actor, agentId, ...request.body });
    return readAgentDuty(ctx.db, request.actor, agentId, ctx.clock.now());
  });

  app.get('/api/v1/agents/:id/duty', { schema: { tags, summary: "An agent's working calendar, away period and whether on duty now", params: IdParams, response: { 200: AgentDuty, ...errors } } }, async (request) =>
    readAgentDuty(ctx.db, requireUser(request.actor), request.params.id, ctx.clock.now()),
  );
  app.put(
    '/api/v1/agents/:id/duty',
    { schema: { tags, summary: "Set an agent's calendar or away period (the agent, a supervisor of their group, a manager or an admin)", params: IdParams, body: UpdateAgentDutyBody, response: { 200: AgentDuty, ...edit } } },
    async (request) => {
      await updateAgentDuty(ctx, { actor: requireUser(request.actor), agentId: request.params.id, ...request.body });
      return readAgentDuty(ctx.db, request.actor, request.params.id, ctx.clock.now());
    },
  );

  app.get('/api/v1/groups/:id/assignment', { schema: { tags, summary: "A group's automatic assignment and its members on duty", params: IdParams, response: { 200: GroupAssignment, ...errors } } }, async (request) =>
    readGroupAssignment(ctx.db, requireUser(request.actor), request.params.id, ctx.clock.now()),
  );
  app.put(
    '/api/v1/groups/:id/assignment',
    { schema: { tags, summary: "Switch a group's automatic assignment: round-robin or least-loaded, a cap of open tickets per agent, the group's calendar", params: IdParams, body: UpdateGroupAssignmentBody, response: { 200: GroupAssignment, ...edit } } },
    async (request) => {
      await updateGroupAssignment(ctx, { actor: requireUser(request.actor), groupId: request.params.id, ...request.body });
      return readGroupAssignment(ctx.db, request.actor, request.params.id, ctx.clock.now());
    },
  );
}
