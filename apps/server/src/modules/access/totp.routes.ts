import { Type } from 'typebox';
import { ErrorEnvelope, IdParams } from '@pishkhan/contracts';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { requireUser } from '../../platform/policy/index.ts';
import { AccessErrors } from './access.errors.ts';
import { accessSettings } from './access.settings.ts';
import { confirmTotpEnrolment } from './commands/confirm-totp.ts';
import { disableTotp } from './commands/disable-totp.ts';
import { recordSignInFailure } from './commands/record-sign-in-failure.ts';
import { renewRecoveryCodes } from './commands/renew-recovery-codes.ts';
import { resetTotp } from './commands/reset-totp.ts';
import { startTotpEnrolment } from './commands/start-totp-enrolment.ts';
import { currentSessionToken, forgetSession, type SessionDeps } from './sessions.ts';
import { qrCodeDataUrl } from './totp.ts';
import { findTotp, unusedRecoveryCodeCount } from './totp.repository.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope, 429: ErrorEnvelope };
const tags = ['session'];
const CodeBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String(), { description: 'Shown once; each works once in place of a code.' }) });
const TotpStatus = Type.Object({
  enabled: Type.Boolean(),
  pending: Type.Boolean(),
  /** Whether admins must have it (`access.totp_required_for_admins`). */
  requiredForAdmins: Type.Boolean(),
  recoveryCodesLeft: Type.Integer(),
});

/**
 * The TOTP second factor of the signed-in agent (status, enrolment with a locally drawn QR code,
 * confirmation, turning it off, new recovery codes) and an admin's reset of anyone's. The
 * enrolment routes stay open to an admin whom `access.totp_required_for_admins` holds at enrolment.
 */
export function registerTotpRoutes(app: App, ctx: AppContext, deps: SessionDeps): void {
  // A wrong code typed while signed in counts against the account like a wrong password.
  const countingFailures = async <T>(request: FastifyRequest, run: Promise<T>): Promise<T> =>
    run.catch(async (error: unknown) => {
      if (error instanceof DomainError && error.code === AccessErrors['auth.totp_code_invalid'] && request.actor.kind === 'user') {
        await recordSignInFailure(ctx, { actor: request.actor, email: request.actor.email, ip: request.ip, what: 'totp' });
      }
      throw error;
    });

  app.get(
    '/api/v1/me/totp',
    { config: { auth: 'totp-enrolment' }, schema: { tags, summary: 'Your two-step verification (TOTP): on, pending or off', response: { 200: TotpStatus, ...errors } } },
    async (request) => {
      const actor = requireUser(request.actor);
      const row = await findTotp(ctx.db, actor.userId);
      return {
        enabled: row?.confirmed_at != null,
        pending: row !== undefined && row.confirmed_at === null,
        requiredForAdmins: await accessSettings.get(ctx.db, 'access.totp_required_for_admins'),
        recoveryCodesLeft: row?.confirmed_at != null ? await unusedRecoveryCodeCount(ctx.db, actor.userId) : 0,
      };
    },
  );
  app.post(
    '/api/v1/me/totp',
    {
      config: { auth: 'totp-enrolment' },
      schema: {
        tags,
        summary: 'Start enrolling an authenticator app: a new secret, its otpauth URI and QR code (agents, with a session)',
        response: { 201: Type.Object({ secret: Type.String(), otpauthUri: Type.String(), qrCode: Type.String({ description: 'data:image/svg+xml;base64,…' }) }), ...errors },
      },
    },
    async (request, reply) => {
      const { secret, uri } = await startTotpEnrolment(ctx, { actor: request.actor });
      return reply.status(201).send({ secret, otpauthUri: uri, qrCode: await qrCodeDataUrl(uri) });
    },
  );
  app.post(
    '/api/v1/me/totp/confirm',
    { config: { auth: 'totp-enrolment' }, schema: { tags, summary: 'Confirm enrolment with a code from the app; returns ten recovery codes once', body: CodeBody, response: { 200: RecoveryCodes, ...errors } } },
    async (request) => {
      const result = await countingFailures(request, confirmTotpEnrolment(ctx, { actor: request.actor, code: request.body.code }));
      // The actor this process remembers may still be held at enrolment.
      forgetSession(deps, currentSessionToken(request));
      return result;
    },
  );
  app.post(
    '/api/v1/me/totp/disable',
    { schema: { tags, summary: 'Turn your two-step verification off (with a current code or a recovery code)', body: CodeBody, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await countingFailures(request, disableTotp(ctx, { actor: request.actor, code: request.body.code, ip: request.ip }));
      forgetSession(deps, currentSessionToken(request));
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/me/totp/recovery-codes',
    { schema: { tags, summary: 'Replace your recovery codes (with a current code); returns the new ones once', body: CodeBody, response: { 200: RecoveryCodes, ...errors } } },
    async (request) => countingFailures(request, renewRecoveryCodes(ctx, { actor: request.actor, code: request.body.code, ip: request.ip })),
  );
  app.post(
    '/api/v1/admin/users/:id/totp/reset',
    { schema: { tags: ['admin'], summary: 'Remove a sign-in’s two-step verification (admins; audited)', params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await resetTotp(ctx, { actor: request.actor, userId: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
