import { Type } from 'typebox';
import { CreateSlaPolicyBody, CreateSlaRuleBody, ErrorEnvelope, IdParams, RemoveHolidayQuery, SlaPolicy, SlaPolicyList, SlaRule, SlaRuleList, UpdateSlaPolicyBody, UpdateSlaRuleBody } from '@pishkhan/contracts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { authorize, requireUser } from '../../platform/policy/index.ts';
import { createSlaPolicy } from './commands/create-sla-policy.ts';
import { updateSlaPolicy } from './commands/update-sla-policy.ts';
import { createSlaRule } from './commands/create-sla-rule.ts';
import { updateSlaRule } from './commands/update-sla-rule.ts';
import { deleteSlaRule } from './commands/delete-sla-rule.ts';
import { presentSlaPolicy, presentSlaRule } from './sla.presenter.ts';
import { assertCanReadSla, slaPolicy } from './sla.policy.ts';
import { findPolicy, listPolicies, listRules } from './sla.repository.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };
const edit = { ...errors, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope };
const tags = ['sla'];
const POLICIES = '/api/v1/admin/sla/policies';
const RULES = '/api/v1/admin/sla/rules';

/** SLA policies and the global rules that choose them: agents read, admins write. */
export function registerSlaRoutes(app: App, ctx: AppContext): void {
  app.get(POLICIES, { schema: { tags, summary: 'SLA policies', response: { 200: SlaPolicyList, ...errors } } }, async (request) => {
    assertCanReadSla(requireUser(request.actor));
    return { items: (await listPolicies(ctx.db)).map((p) => presentSlaPolicy(request.actor, p)) };
  });
  app.post(POLICIES, { schema: { tags, summary: 'Add an SLA policy (admin)', body: CreateSlaPolicyBody, response: { 201: SlaPolicy, ...edit } } }, async (request, reply) =>
    reply.status(201).send(presentSlaPolicy(request.actor, await createSlaPolicy(ctx, { actor: request.actor, ...request.body }))),
  );
  app.get(`${POLICIES}/:id`, { schema: { tags, summary: 'An SLA policy', params: IdParams, response: { 200: SlaPolicy, ...errors, 404: ErrorEnvelope } } }, async (request) => {
    const row = await findPolicy(ctx.db, request.params.id);
    authorize(slaPolicy, requireUser(request.actor), 'read', row);
    return presentSlaPolicy(request.actor, row!);
  });
  app.patch(`${POLICIES}/:id`, { schema: { tags, summary: 'Edit an SLA policy (admin)', params: IdParams, body: UpdateSlaPolicyBody, response: { 200: SlaPolicy, ...edit } } }, async (request) =>
    presentSlaPolicy(request.actor, await updateSlaPolicy(ctx, { actor: request.actor, id: request.params.id, ...request.body })),
  );
  app.get(RULES, { schema: { tags, summary: 'The global SLA rules, in the order they are tried', response: { 200: SlaRuleList, ...errors } } }, async (request) => {
    assertCanReadSla(requireUser(request.actor));
    return { items: (await listRules(ctx.db)).map(presentSlaRule) };
  });
  app.post(RULES, { schema: { tags, summary: 'Add a global SLA rule (admin)', body: CreateSlaRuleBody, response: { 201: SlaRule, ...edit } } }, async (request, reply) =>
    reply.status(201).send(presentSlaRule(await createSlaRule(ctx, { actor: request.actor, ...request.body }))),
  );
  app.patch(`${RULES}/:id`, { schema: { tags, summary: 'Move, refilter or repoint a rule (admin)', params: IdParams, body: UpdateSlaRuleBody, response: { 200: SlaRule, ...edit } } }, async (request) =>
    presentSlaRule(await updateSlaRule(ctx, { actor: request.actor, id: request.params.id, ...request.body })),
  );
  app.delete(`${RULES}/:id`, { schema: { tags, summary: 'Remove a rule (admin)', params: IdParams, querystring: RemoveHolidayQuery, response: { 204: Type.Null(), ...edit } } }, async (request, reply) => {
    await deleteSlaRule(ctx, { actor: request.actor, id: request.params.id, version: request.query.version });
    return reply.status(204).send(null);
  });
}
