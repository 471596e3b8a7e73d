import { ErrorEnvelope, MailLink, MailLinkParams, MailLinkResult } from '@pishkhan/contracts';
import { Type } from 'typebox';
import type { AppContext } from '../../../context.ts';
import { DomainError, renderMessage } from '../../../platform/http/errors.ts';
import type { App } from '../../../platform/http/server.ts';
import { useMailLink } from '../commands/use-mail-link.ts';
import { NotificationErrors } from '../notifications.errors.ts';
import { askPage, donePage, MAIL_LINK_CSP, refusedPage } from './mail-link-page.ts';
import { peekMailLink } from './mail-links.queries.ts';

const tags = ['mail links'];
const html = Type.String({ description: 'text/html' });

/**
 * Links in mail. `/m/:token` is a page (fa/en by Accept-Language; no script) whose one button
 * POSTs back; `/api/v1/mail-links/:token` is the same for the portal. A GET never changes anything:
 * only the POST uses the one-time token. Both are authorised by the token alone ('link' routes do
 * not read the session).
 */
export function registerMailLinkRoutes(app: App, ctx: AppContext): void {
  void app.register(async (plugin) => {
    const scope = plugin as unknown as App;
    // An HTML form posts application/x-www-form-urlencoded; its fields mean nothing here.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, _body, done) => done(null, {}));

    scope.get(
      '/m/:token',
      { config: { auth: 'link' }, schema: { tags, summary: 'The page behind a link in a mail (changes nothing)', params: MailLinkParams, response: { 200: html, 404: html } } },
      async (request, reply) => {
        const link = await peekMailLink(ctx.db, ctx.clock, request.params.token);
        reply.header('content-security-policy', MAIL_LINK_CSP).type('text/html; charset=utf-8');
        if (!link) return reply.status(404).send(refusedPage(request.language));
        return askPage(request.language, { ...link, formAction: `/m/${request.params.token}` });
      },
    );

    scope.post(
      '/m/:token',
      { config: { auth: 'link' }, schema: { tags, summary: 'Do what the link offers, once (the page’s button)', params: MailLinkParams, response: { 200: html, 404: html, 409: html } } },
      async (request, reply) => {
        reply.header('content-security-policy', MAIL_LINK_CSP).type('text/html; charset=utf-8');
        const link = await peekMailLink(ctx.db, ctx.clock, request.params.token);
        try {
          const done = await useMailLink(ctx, { actor: request.actor, token: request.params.token });
          return donePage(request.language, { ...done, ticketTitle: link?.ticketTitle ?? '' });
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          const status = e.code === NotificationErrors['mail_link.invalid'] ? 404 : 409;
          return reply.status(status).send(refusedPage(request.language, status === 404 ? undefined : renderMessage(e.code, request.language, e.details)));
        }
      },
    );
  });

  app.get(
    '/api/v1/mail-links/:token',
    {
      config: { auth: 'link' },
      schema: { tags, summary: 'What a link in a mail would do (changes nothing)', params: MailLinkParams, response: { 200: MailLink, 400: ErrorEnvelope, 404: ErrorEnvelope } },
    },
    async (request) => {
      const link = await peekMailLink(ctx.db, ctx.clock, request.params.token);
      if (!link) throw new DomainError(NotificationErrors['mail_link.invalid']);
      return link;
    },
  );

  app.post(
    '/api/v1/mail-links/:token',
    {
      config: { auth: 'link' },
      schema: {
        tags,
        summary: 'Do what a link in a mail offers, once',
        params: MailLinkParams,
        response: { 200: MailLinkResult, 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope },
      },
    },
    async (request) => ({ ...(await useMailLink(ctx, { actor: request.actor, token: request.params.token })), done: true as const }),
  );
}
