import { CreateMailboxBody, ErrorEnvelope, IdParams, Mailbox, MailboxListQuery, Page, UpdateMailboxBody } from '@pishkhan/contracts';
import type { AppContext } from '../../../context.ts';
import type { App } from '../../../platform/http/server.ts';
import { authorize, requireUser } from '../../../platform/policy/index.ts';
import { createMailbox } from '../commands/create-mailbox.ts';
import { updateMailbox } from '../commands/update-mailbox.ts';
import { assertCanListMailboxes, mailboxPolicy } from './mailboxes.policy.ts';
import { presentMailbox } from './mailboxes.presenter.ts';
import { mailboxPage } from './mailboxes.queries.ts';
import { findMailboxRow } from './mailboxes.repository.ts';

const tags = ['mailboxes'];
const readErrors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };
const writeErrors = { ...readErrors, 409: ErrorEnvelope, 422: ErrorEnvelope };

/** Admin → Mailboxes: agents read (passwords never shown), admins add and edit; deactivate with `active: false`. */
export function registerMailboxRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/admin/mailboxes',
    { schema: { tags, summary: 'List mailboxes (any agent; passwords never shown)', querystring: MailboxListQuery, response: { 200: Page(Mailbox), ...readErrors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      assertCanListMailboxes(actor);
      const page = await mailboxPage(ctx.db, request.query);
      return { items: page.items.map((m) => presentMailbox(actor, m)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/admin/mailboxes',
    { schema: { tags, summary: 'Add a mailbox (admin): address, group, SMTP or IMAP, relay; passwords are sealed', body: CreateMailboxBody, response: { 201: Mailbox, ...writeErrors } } },
    async (request, reply) => {
      const row = await createMailbox(ctx, { actor: request.actor, ...request.body });
      return reply.status(201).send(presentMailbox(request.actor, row));
    },
  );

  app.get(
    '/api/v1/admin/mailboxes/:id',
    { schema: { tags, summary: 'Read a mailbox (any agent)', params: IdParams, response: { 200: Mailbox, ...readErrors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      const row = await findMailboxRow(ctx.db, request.params.id);
      authorize(mailboxPolicy, actor, 'read', row);
      return presentMailbox(actor, row!);
    },
  );

  app.patch(
    '/api/v1/admin/mailboxes/:id',
    { schema: { tags, summary: 'Edit a mailbox at the version last read (admin)', params: IdParams, body: UpdateMailboxBody, response: { 200: Mailbox, ...writeErrors } } },
    async (request) => presentMailbox(request.actor, await updateMailbox(ctx, { actor: request.actor, id: request.params.id, ...request.body })),
  );
}
