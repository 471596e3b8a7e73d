import type { Actor, ContactSignInPort } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { consumeOneTimeToken } from '../../../platform/crypto/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import type { AccessContext } from '../access.context.ts';
import { AccessErrors } from '../access.errors.ts';
import { accessSettings } from '../access.settings.ts';
import { assertMayAttempt, linkIpKey } from '../brute-force.ts';
import { TOKEN_PURPOSE } from '../links.ts';
import { startSession } from '../session-start.ts';
import { findSignUpRequest, markSignUpVerified } from '../sign-ups.repository.ts';
import { findUserByEmail, findUserById, insertUser } from '../users.repository.ts';

/**
 * Verifies a portal sign-up with its one-time link (anyone holding it; 403 auth.sign_up_disabled
 * while the setting is off): makes the sign-in with the password chosen at the request, gives it to
 * the contact of that email when one without a sign-in exists (else a new contact, through people's
 * `ContactSignInPort`) and starts a session. A dead link, an address that became a sign-in
 * meanwhile or a contact that cannot take it: 400 auth.link_invalid.
 */
export const verifySignUp = defineCommand(
  'user.verify_sign_up',
  async (
    ctx: AccessContext & { contactSignIns: ContactSignInPort },
    input: { actor: Actor; token: string; ip?: string; userAgent?: string },
    _checked: undefined,
  ): Promise<{ userId: number; sessionId: number; token: string }> => {
    const subject = await consumeOneTimeToken(ctx.db, ctx.clock, { purpose: TOKEN_PURPOSE.sign_up, token: input.token });
    const request = subject?.startsWith('sign_up:') ? await findSignUpRequest(ctx.db, Number(subject.slice('sign_up:'.length))) : undefined;
    if (!request || request.verified_at !== null) throw new DomainError(AccessErrors['auth.link_invalid']);
    if (await findUserByEmail(ctx.db, request.email)) throw new DomainError(AccessErrors['auth.link_invalid']);
    const now = ctx.clock.now();
    const language = request.language === 'en' ? 'en' : 'fa';
    const userId = await insertUser(ctx.db, { email: request.email, passwordHash: request.password_hash, mustChangePassword: false, locale: language, now });
    const contactId = await ctx.contactSignIns.signUp(ctx.db, ctx.clock, input.actor, { userId, name: request.name, email: request.email, language });
    if (contactId === null) throw new DomainError(AccessErrors['auth.link_invalid']);
    await markSignUpVerified(ctx.db, request.id, now);
    await recordAudit(ctx, input.actor, 'sign_up.verified', { targetType: 'user', targetId: userId, ...(input.ip ? { ip: input.ip } : {}), details: { contactId } });
    const user = (await findUserById(ctx.db, userId))!;
    const session = await startSession(ctx, input.actor, user, { ip: input.ip, userAgent: input.userAgent });
    return { userId, ...session };
  },
  {
    async prepare(ctx, input) {
      if (!(await accessSettings.get(ctx.db, 'access.portal_sign_up'))) throw new DomainError(AccessErrors['auth.sign_up_disabled']);
      await assertMayAttempt(ctx, { ip: linkIpKey(input.ip) });
      return undefined;
    },
  },
);
