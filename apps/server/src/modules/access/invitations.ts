import type { ContactSignInPort } from '../../platform/actor.ts';
import { DomainError, CommonErrors } from '../../platform/http/errors.ts';
import { issueLink, type IssuedLink, type LinkContext } from './links.ts';
import { findUserById } from './users.repository.ts';

/**
 * An invitation for an existing sign-in (a new agent, or an agent whose password an admin resets):
 * one hour, single use; accepting it sets the password. Written in the caller's unit of work.
 */
export async function userInvitationLink(ctx: LinkContext, input: { userId: number }): Promise<IssuedLink> {
  const user = await findUserById(ctx.db, input.userId);
  if (!user) throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'userId', ids: [input.userId] });
  return issueLink(ctx, {
    purpose: 'invitation',
    subject: `user:${user.id}`,
    userId: user.id,
    contactId: null,
    to: user.email,
    language: user.locale === 'en' ? 'en' : 'fa',
  });
}

/**
 * A contact's portal invitation (one hour, single use): accepting it gives the contact a sign-in with
 * the password the person chooses (their first email becomes the sign-in), or sets the password of
 * the sign-in it already has. For the "request received" mail and for an analyst's invitation;
 * written in the caller's unit of work, announced as `access.link_issued` (`carried` when another
 * mail carries it, so it is not mailed alone). A contact with no email
 * cannot be invited (422 record.invalid_reference, field contactId).
 */
export async function portalInvitationLink(ctx: LinkContext & { contactSignIns: ContactSignInPort }, input: { contactId: number; carried?: boolean }): Promise<IssuedLink> {
  const target = await ctx.contactSignIns.target(ctx.db, input.contactId);
  if (!target || !target.active || !target.email) {
    throw new DomainError(CommonErrors['record.invalid_reference'], { field: 'contactId', ids: [input.contactId], reason: target ? 'no_email_or_inactive' : 'unknown' });
  }
  return issueLink(ctx, {
    purpose: 'invitation',
    subject: `contact:${input.contactId}`,
    userId: target.userId,
    contactId: input.contactId,
    to: target.email,
    language: target.language,
    ...(input.carried ? { carried: true } : {}),
  });
}
