import { Type } from 'typebox';
import { ApiToken, CreatedApiToken, CreateTokenBody, ErrorEnvelope, IdParams } from '@pishkhan/contracts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { requireUser } from '../../platform/policy/index.ts';
import { createApiToken } from './commands/create-api-token.ts';
import { revokeApiTokenCommand } from './commands/revoke-api-token.ts';
import { presentApiToken } from './tokens.presenter.ts';
import { listApiTokensOfUser } from './tokens.repository.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };
const tags = ['tokens'];

/** Personal API tokens: create (from a session), list and revoke your own. */
export function registerTokenRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/v1/me/tokens',
    { schema: { tags, summary: 'Create a personal API token (shown once; send as Authorization: Bearer)', body: CreateTokenBody, response: { 201: CreatedApiToken, ...errors } } },
    async (request, reply) => {
      const { token, row } = await createApiToken(ctx, { actor: request.actor, ...request.body });
      return reply.status(201).send({ token, item: presentApiToken(row) });
    },
  );

  app.get(
    '/api/v1/me/tokens',
    { schema: { tags, summary: 'Your API tokens (never the tokens themselves)', response: { 200: Type.Object({ items: Type.Array(ApiToken) }), ...errors } } },
    async (request) => ({ items: (await listApiTokensOfUser(ctx.db, requireUser(request.actor).userId)).map(presentApiToken) }),
  );

  app.delete(
    '/api/v1/tokens/:id',
    { schema: { tags, summary: 'Revoke one of your tokens (an admin: anyone’s)', params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await revokeApiTokenCommand(ctx, { actor: request.actor, id: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
