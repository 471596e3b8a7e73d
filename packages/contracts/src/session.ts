import { Type, type Static } from 'typebox';
import { EmailAddress, Id, Language } from './common.ts';

export const SignInBody = Type.Object(
  {
    email: EmailAddress,
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBody>;

export const Role = Type.Union(['analyst', 'supervisor', 'manager', 'crm', 'admin'].map((r) => Type.Literal(r)));

export const Me = Type.Object({
  userId: Id,
  email: Type.String(),
  locale: Language,
  mustChangePassword: Type.Boolean(),
  /** An admin who must enrol a second factor (TOTP) before anything but the session and enrolment routes opens. */
  mustEnrolTotp: Type.Boolean(),
  agent: Type.Union([
    Type.Object({ id: Id, name: Type.String(), roles: Type.Array(Type.String()), groupIds: Type.Array(Id) }),
    Type.Null(),
  ]),
  contact: Type.Union([Type.Object({ id: Id, organizationId: Type.Union([Id, Type.Null()]) }), Type.Null()]),
});

export const SessionResponse = Type.Object({
  me: Me,
  /** Send back as the X-CSRF-Token header on every write made with the session cookie. */
  csrfToken: Type.String(),
});
export type SessionResponse = Static<typeof SessionResponse>;

/** `POST /session` when the password was right and the sign-in has a second factor: no session yet, the code comes next. */
export const SecondFactorRequired = Type.Object({
  secondFactor: Type.Literal('totp'),
  /** Send back to `POST /session/second-factor` with the code (single use, 5 minutes). */
  challenge: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type SecondFactorRequired = Static<typeof SecondFactorRequired>;

export const SecondFactorBody = Type.Object(
  {
    challenge: Type.String({ minLength: 1, maxLength: 200 }),
    /** The 6-digit code of the authenticator app, or one of the recovery codes. */
    code: Type.String({ minLength: 1, maxLength: 40 }),
  },
  { additionalProperties: false },
);
export type SecondFactorBody = Static<typeof SecondFactorBody>;
