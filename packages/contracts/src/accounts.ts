import { Type, type Static } from 'typebox';
import { EmailAddress, Id } from './common.ts';

/** The password rules' length limits (the server also refuses common passwords and the one replaced). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;
export const NewPassword = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, description: 'At least 12 characters; not a common password; not the current one' });

/** A one-time link's token, as the web page read it from the link's fragment. */
const LinkToken = Type.String({ minLength: 16, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' });

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }), newPassword: NewPassword },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const LinkPasswordBody = Type.Object({ token: LinkToken, password: NewPassword }, { additionalProperties: false });
export type LinkPasswordBody = Static<typeof LinkPasswordBody>;

export const PasswordResetRequestBody = Type.Object({ email: EmailAddress }, { additionalProperties: false });
export type PasswordResetRequestBody = Static<typeof PasswordResetRequestBody>;

/** Always the same, whether or not the email is a sign-in's. */
export const AcceptedResponse = Type.Object({ accepted: Type.Literal(true) });

export const TicketLinkBody = Type.Object({ token: LinkToken }, { additionalProperties: false });
export const TicketLinkSession = Type.Object({
  ticketId: Id,
  /** Send back as X-CSRF-Token on a reply made with the link's cookie. */
  csrfToken: Type.String(),
  expiresAt: Type.Integer(),
});

/**
 * A link made for someone: `link` only when the caller is an admin (who hands it over while no mail
 * is sent); everyone else learns only when it expires (the notification channels deliver it).
 */
export const IssuedLinkResponse = Type.Object({ link: Type.Optional(Type.String()), expiresAt: Type.Integer() });
export type IssuedLinkResponse = Static<typeof IssuedLinkResponse>;
