import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { AccessErrors } from './access.errors.ts';
import { recordLinkFailure } from './commands/record-link-failure.ts';

/** A dead one-time link counts against the address (after the failed unit of work, in its own), then answers as before. */
export const countingDeadLinks = (ctx: AppContext, request: FastifyRequest) => async (error: unknown): Promise<never> => {
  if (error instanceof DomainError && error.code === AccessErrors['auth.link_invalid']) await recordLinkFailure(ctx, { actor: request.actor, ip: request.ip });
  throw error;
};
