import type { Actor, ContactSignInPort } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { consumeOneTimeToken } from '../../../platform/crypto/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { AccessContext } from '../access.context.ts';
import { AccessErrors } from '../access.errors.ts';
import { preparePasswordForLink } from '../link-passwords.ts';
import { TOKEN_PURPOSE } from '../links.ts';
import { revokeOtherSessions } from '../sessions.repository.ts';
import { findUserByEmail, findUserById, insertUser, setPasswordHash } from '../users.repository.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertMayAttempt, linkIpKey } from '../brute-force.ts';

/**
 * Accepts an invitation (anyone holding the link; the actor is whoever asks, anonymous usually):
 * uses the one-time token and sets the chosen password. A sign-in's invitation (`user:<id>`) sets
 * its password; a contact's (`contact:<id>`) gives the contact a sign-in under its first email
 * (the sign-in with that email if one exists, else a new one) and links it — the person's own
 * proof, recorded in the contact's history. Every other session of that sign-in ends.
 * A dead link (unknown, used, expired) or an inactive sign-in or contact: 400 auth.link_invalid.
 */
export const acceptInvitation = defineCommand(
  'user.accept_invitation',
  async (ctx: AccessContext & { contactSignIns: ContactSignInPort }, input: { actor: Actor; token: string; password: string; ip?: string }, passwordHash: string): Promise<{ userId: number }> => {
    const subject = await consumeOneTimeToken(ctx.db, ctx.clock, { purpose: TOKEN_PURPOSE.invitation, token: input.token });
    if (!subject) throw new DomainError(AccessErrors['auth.link_invalid']);
    const now = ctx.clock.now();
    const [kind, id] = [subject.slice(0, subject.indexOf(':')), Number(subject.slice(subject.indexOf(':') + 1))];
    let userId: number;
    if (kind === 'user') {
      const user = await findUserById(ctx.db, id);
      if (!user || user.active !== 1) throw new DomainError(AccessErrors['auth.link_invalid']);
      userId = user.id;
    } else {
      const target = await ctx.contactSignIns.target(ctx.db, id);
      if (!target || !target.active || !target.email) throw new DomainError(AccessErrors['auth.link_invalid']);
      const existing = target.userId !== null ? await findUserById(ctx.db, target.userId) : await findUserByEmail(ctx.db, target.email);
      if (existing && existing.active !== 1) throw new DomainError(AccessErrors['auth.link_invalid']);
      userId = existing?.id ?? (await insertUser(ctx.db, { email: target.email, passwordHash, mustChangePassword: false, locale: target.language, now }));
      await ctx.contactSignIns.link(ctx.db, ctx.clock, input.actor, id, userId);
    }
    await setPasswordHash(ctx.db, userId, passwordHash, now);
    await revokeOtherSessions(ctx.db, userId, undefined);
    await recordAudit(ctx, input.actor, 'invitation.accepted', { targetType: 'user', targetId: userId, details: { via: kind } });
    return { userId };
  },
  {
    async prepare(ctx, input) {
      await assertMayAttempt(ctx, { ip: linkIpKey(input.ip) });
      return preparePasswordForLink(ctx, TOKEN_PURPOSE.invitation, input.token, input.password);
    },
  },
);
