import { AcceptedResponse, ErrorEnvelope, PortalConfig, PortalSignUpBody, PortalSignUpVerifyBody, SessionResponse } from '@pishkhan/contracts';
import type { AppContext } from '../../context.ts';
import { Type } from 'typebox';
import type { App } from '../../platform/http/server.ts';
import { presentMe } from './access.presenter.ts';
import { accessSettings } from './access.settings.ts';
import { actorFromUser } from './actor-loader.ts';
import { findSignInRow } from './users.repository.ts';
import { countingDeadLinks } from './dead-links.ts';
import { requestSignUp } from './commands/request-sign-up.ts';
import { changePortalSettings } from './commands/change-portal-settings.ts';
import { hasRole } from '../../platform/actor.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { requireUser } from '../../platform/policy/index.ts';
import { verifySignUp } from './commands/verify-sign-up.ts';
import { PUBLIC_RATE_LIMIT } from './rate-limit-store.ts';
import { csrfTokenFor, setSessionCookie, type SessionDeps } from './sessions.ts';

const errors = { 400: ErrorEnvelope, 403: ErrorEnvelope, 422: ErrorEnvelope, 429: ErrorEnvelope };
const tags = ['session'];

/** The portal's public config and its self sign-up (`access.portal_sign_up`): request, then verify by the mailed link. */
export function registerSignUpRoutes(app: App, ctx: AppContext, deps: SessionDeps): void {
  app.get(
    '/api/v1/portal/config',
    { config: { auth: 'public' }, schema: { tags, summary: 'What the portal offers before sign-in (whether customers may sign themselves up)', response: { 200: PortalConfig } } },
    async () => ({ signUp: await accessSettings.get(ctx.db, 'access.portal_sign_up') }),
  );

  const PortalSettings = Type.Object({ signUp: Type.Boolean() }, { additionalProperties: false });
  const adminErrors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };
  app.get(
    '/api/v1/admin/portal/settings',
    { schema: { tags, summary: 'The portal settings (admin): whether customers may sign themselves up', response: { 200: PortalSettings, ...adminErrors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      if (!hasRole(actor, 'admin')) throw forbidden('read');
      return { signUp: await accessSettings.get(ctx.db, 'access.portal_sign_up') };
    },
  );
  app.put(
    '/api/v1/admin/portal/settings',
    { schema: { tags, summary: 'Turn portal self sign-up on or off (admin; audited)', body: PortalSettings, response: { 200: PortalSettings, ...adminErrors } } },
    async (request) => changePortalSettings(ctx, { actor: request.actor, signUp: request.body.signUp }),
  );

  app.post(
    '/api/v1/portal/sign-up',
    {
      config: { auth: 'public', ...PUBLIC_RATE_LIMIT },
      schema: {
        tags,
        summary: 'Sign up for the portal: a verification link goes to the email (the answer is the same for every address; 403 while sign-up is off)',
        body: PortalSignUpBody,
        response: { 202: AcceptedResponse, ...errors },
      },
    },
    async (request, reply) => {
      await requestSignUp(ctx, { actor: request.actor, ...request.body, ip: request.ip });
      return reply.status(202).send({ accepted: true });
    },
  );

  app.post(
    '/api/v1/portal/sign-up/verify',
    {
      config: { auth: 'public', ...PUBLIC_RATE_LIMIT },
      schema: { tags, summary: 'Verify a portal sign-up with its link: the sign-in and contact are made and a session starts', body: PortalSignUpVerifyBody, response: { 200: SessionResponse, ...errors } },
    },
    async (request, reply) => {
      const userAgent = request.headers['user-agent'];
      const session = await verifySignUp(ctx, { actor: request.actor, token: request.body.token, ip: request.ip, ...(userAgent ? { userAgent } : {}) }).catch(countingDeadLinks(ctx, request));
      setSessionCookie(deps, reply, session.token);
      const user = await findSignInRow(ctx.db, session.userId);
      const actor = user ? await actorFromUser(ctx.db, ctx.actorSides, user, 'session', session.sessionId) : null;
      if (!actor) throw new Error(`user ${session.userId} has no active side`);
      return { me: presentMe(actor), csrfToken: csrfTokenFor(deps.secret, session.token) };
    },
  );
}
