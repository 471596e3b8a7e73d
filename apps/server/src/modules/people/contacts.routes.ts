import { Contact, ContactListQuery, CreateContactBody, ErrorEnvelope, IdParams, IssuedLinkResponse, LinkContactSignInBody, Page, UpdateContactBody } from '@pishkhan/contracts';
import { hasRole } from '../../platform/actor.ts';
import { inviteContact } from './commands/invite-contact.ts';
import { deactivateContact } from './commands/deactivate-contact.ts';
import { mergeContact } from './commands/merge-contact.ts';
import { PeopleMergeBody, VersionBody } from '@pishkhan/contracts';
import type { AppContext } from '../../context.ts';
import type { App } from '../../platform/http/server.ts';
import { createContact } from './commands/create-contact.ts';
import { linkContactSignIn } from './commands/link-contact-sign-in.ts';
import { updateContact } from './commands/update-contact.ts';
import { contactAccessOf, contactPolicy, listScope } from './people.policy.ts';
import { presentContact } from './people.presenter.ts';
import { contactPage, contactView } from './people.queries.ts';
import { authorize, requireUser } from '../../platform/policy/index.ts';

const tags = ['contacts'];
const readErrors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope };
const writeErrors = { ...readErrors, 409: ErrorEnvelope, 422: ErrorEnvelope };

/** Contacts (customer people): list and search, create, read, edit, link a sign-in (no delete: tickets refer to them). */
export function registerContactRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/contacts',
    {
      schema: {
        tags,
        summary: 'List contacts, optionally by phone (any spelling), email (any case) or organisation',
        querystring: ContactListQuery,
        response: { 200: Page(Contact), ...readErrors },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      listScope(actor, 'contact');
      const { limit, cursor, ...search } = request.query;
      const page = await contactPage(ctx.db, search, { ...(limit !== undefined ? { limit } : {}), ...(cursor !== undefined ? { cursor } : {}) });
      return { items: page.items.map((c) => presentContact(actor, c)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/contacts',
    { schema: { tags, summary: 'Create a contact', body: CreateContactBody, response: { 201: Contact, ...writeErrors } } },
    async (request, reply) => {
      const contact = await createContact(ctx, { actor: request.actor, ...request.body });
      return reply.status(201).send(presentContact(request.actor, contact));
    },
  );

  app.get(
    '/api/v1/contacts/:id',
    { schema: { tags, summary: 'Read a contact (a contact: only themself)', params: IdParams, response: { 200: Contact, ...readErrors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      const row = await contactView(ctx.db, request.params.id);
      authorize(contactPolicy, actor, 'read', row ? contactAccessOf(row) : undefined);
      return presentContact(actor, row!);
    },
  );

  app.patch(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Edit a contact at the version last read; emails and phones replace the lists',
        params: IdParams,
        body: UpdateContactBody,
        response: { 200: Contact, ...writeErrors },
      },
    },
    async (request) => {
      const contact = await updateContact(ctx, { actor: request.actor, id: request.params.id, ...request.body });
      return presentContact(request.actor, contact);
    },
  );

  app.post(
    '/api/v1/contacts/:id/sign-in',
    {
      schema: {
        tags,
        summary: "Link an existing sign-in to this contact (admin): the same person; never implied by an email address",
        params: IdParams,
        body: LinkContactSignInBody,
        response: { 200: Contact, ...writeErrors },
      },
    },
    async (request) => presentContact(request.actor, await linkContactSignIn(ctx, { actor: request.actor, id: request.params.id, ...request.body })),
  );

  app.post(
    '/api/v1/contacts/:id/invitation',
    {
      schema: {
        tags,
        summary: 'Invite a contact to the portal: a one-hour, single-use link to their first email (the link itself is shown to admins only)',
        params: IdParams,
        response: { 201: IssuedLinkResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const issued = await inviteContact(ctx, { actor: request.actor, id: request.params.id });
      // Whoever holds the link becomes the customer: only an admin may see it to hand it over.
      return reply.status(201).send(hasRole(request.actor, 'admin') ? issued : { expiresAt: issued.expiresAt });
    },
  );

  app.post(
    '/api/v1/contacts/:id/deactivate',
    {
      schema: {
        tags,
        summary: 'Deactivate a contact (admin; audited): its sessions, tokens and ticket links end; no new ticket may name it',
        params: IdParams,
        body: VersionBody,
        response: { 200: Contact, ...writeErrors },
      },
    },
    async (request) => presentContact(request.actor, await deactivateContact(ctx, { actor: request.actor, id: request.params.id, version: request.body.version })),
  );

  app.post(
    '/api/v1/contacts/:id/merge',
    {
      schema: {
        tags,
        summary:
          'Merge this contact into another (admin; audited): its tickets, watches, articles, emails and phones move to the survivor; it is deactivated, its sessions end; answers the survivor',
        params: IdParams,
        body: PeopleMergeBody,
        response: { 200: Contact, ...writeErrors },
      },
    },
    async (request) => presentContact(request.actor, await mergeContact(ctx, { actor: request.actor, id: request.params.id, ...request.body })),
  );
}
