import { Type } from 'typebox';
import { AcceptedResponse, ErrorEnvelope, LinkPasswordBody, PasswordResetRequestBody, TicketLinkBody, TicketLinkSession } from '@pishkhan/contracts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { AccessErrors } from './access.errors.ts';
import { acceptInvitation } from './commands/accept-invitation.ts';
import { requestPasswordReset } from './commands/request-password-reset.ts';
import { resetPassword } from './commands/reset-password.ts';
import { countingDeadLinks } from './dead-links.ts';
import { csrfTokenFor, type SessionDeps } from './sessions.ts';
import { liveTicketLink, TICKET_LINK_COOKIE } from './ticket-links.ts';
import { PUBLIC_RATE_LIMIT } from './rate-limit-store.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 422: ErrorEnvelope, 429: ErrorEnvelope };
const tags = ['session'];

/** The public ends of the one-time links: accept an invitation, ask for and use a reset link, open a ticket link. */
export function registerLinkRoutes(app: App, ctx: AppContext, deps: SessionDeps): void {
  app.post(
    '/api/v1/invitations/accept',
    { config: { auth: 'public', ...PUBLIC_RATE_LIMIT }, schema: { tags, summary: 'Accept an invitation: choose your password (then sign in)', body: LinkPasswordBody, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await acceptInvitation(ctx, { actor: request.actor, ...request.body, ip: request.ip }).catch(countingDeadLinks(ctx, request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/password-reset',
    {
      config: { auth: 'public', ...PUBLIC_RATE_LIMIT },
      schema: { tags, summary: 'Ask for a password-reset link by email (the answer is the same for every address)', body: PasswordResetRequestBody, response: { 202: AcceptedResponse, ...errors } },
    },
    async (request, reply) => {
      await requestPasswordReset(ctx, { actor: request.actor, email: request.body.email, ip: request.ip });
      return reply.status(202).send({ accepted: true });
    },
  );

  app.post(
    '/api/v1/password-reset/complete',
    { config: { auth: 'public', ...PUBLIC_RATE_LIMIT }, schema: { tags, summary: 'Set a new password with a reset link', body: LinkPasswordBody, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await resetPassword(ctx, { actor: request.actor, ...request.body, ip: request.ip }).catch(countingDeadLinks(ctx, request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/ticket-link/session',
    {
      config: { auth: 'public', ...PUBLIC_RATE_LIMIT },
      schema: { tags, summary: 'Open a ticket’s magic link: a cookie that shows and answers that one ticket', body: TicketLinkBody, response: { 200: TicketLinkSession, ...errors } },
    },
    async (request, reply) => {
      const link = await liveTicketLink(ctx.db, ctx.clock, request.body.token);
      if (!link) throw new DomainError(AccessErrors['auth.link_invalid']);
      reply.setCookie(TICKET_LINK_COOKIE, request.body.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies,
        path: '/api/v1/tickets',
        maxAge: Math.max(1, Math.floor((link.expires_at - ctx.clock.now()) / 1000)),
      });
      return { ticketId: link.ticket_id, csrfToken: csrfTokenFor(deps.secret, request.body.token), expiresAt: link.expires_at };
    },
  );
}
