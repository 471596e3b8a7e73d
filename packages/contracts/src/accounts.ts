import { Type, type Static } from 'typebox';
import { EmailAddress, Id, Instant, Language, ShortText, Version } from './common.ts';

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

/** Portal self sign-up (when `access.portal_sign_up` is on): answered 202 alike for every address; the link in the mail verifies it. */
export const PortalSignUpBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }), email: EmailAddress, password: NewPassword, language: Language },
  { additionalProperties: false },
);
export type PortalSignUpBody = Static<typeof PortalSignUpBody>;
export const PortalSignUpVerifyBody = Type.Object({ token: LinkToken }, { additionalProperties: false });
export type PortalSignUpVerifyBody = Static<typeof PortalSignUpVerifyBody>;
/** What the portal's public pages need to know before anyone signs in. */
export const PortalConfig = Type.Object({ signUp: Type.Boolean() });
export type PortalConfig = Static<typeof PortalConfig>;

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

export const TokenScope = Type.Enum(['read', 'write', 'admin', 'metrics'] as const);

export const CreateTokenBody = Type.Object(
  {
    name: ShortText(100),
    /** read: GET requests; write: every other method; admin: keep the admin role; metrics: GET /metrics only. */
    scopes: Type.Array(TokenScope, { minItems: 1, maxItems: 4, uniqueItems: true }),
    /** Days until it expires (at most 366); omit for a token that lives until revoked. */
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
  },
  { additionalProperties: false },
);
export type CreateTokenBody = Static<typeof CreateTokenBody>;

export const ApiToken = Type.Object({
  id: Id,
  name: Type.String(),
  scopes: Type.Array(TokenScope),
  createdAt: Instant,
  expiresAt: Type.Union([Instant, Type.Null()]),
  lastUsedAt: Type.Union([Instant, Type.Null()]),
  lastUsedIp: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Instant, Type.Null()]),
});
export type ApiToken = Static<typeof ApiToken>;

/** The token itself appears here once; only its SHA-256 is kept. Send it as `Authorization: Bearer <token>`. */
export const CreatedApiToken = Type.Object({ token: Type.String(), item: ApiToken });

export const AuditEntry = Type.Object({
  id: Id,
  at: Instant,
  /** The user who acted (null: the system, the CLI, or someone not signed in — a failed sign-in). */
  actorUserId: Type.Union([Id, Type.Null()]),
  /** 'user', or the system actor's name ('cli', 'system', …), or 'anonymous'. */
  actorKind: Type.String(),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditQuery = Type.Object(
  {
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Exact action, or a prefix ending in "." (session.)' })),
    actorUserId: Type.Optional(Id),
    targetType: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** ISO instants: entries at or after `from`, before `to`. */
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    /** The id of the last entry of the previous page (newest first). */
    before: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;
export const AuditPage = Type.Object({ items: Type.Array(AuditEntry), nextBefore: Type.Union([Id, Type.Null()]) });

/** A state change of a versioned record that takes nothing but the version last read (deactivate). */
export const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });
