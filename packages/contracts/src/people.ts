import { Type, type Static } from 'typebox';
import { Abilities, EmailAddress, Id, Instant, Language, LongText, PageQuery, Version } from './common.ts';
import { Role } from './session.ts';

/**
 * People: organisations, contacts, agents and groups. Text is stored exactly as written and
 * returned as JSON text; emails and phones are matched on normalised copies.
 */

/** A name: bounded, and not only whitespace. */
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Notes = LongText(10_000);
const NullableId = Type.Union([Id, Type.Null()]);
/** A phone number as written (Persian digits, spaces, 0098/+98/0 prefixes all welcome). */
export const PhoneNumber = Type.String({ minLength: 3, maxLength: 40, pattern: '[0-9\\u06f0-\\u06f9\\u0660-\\u0669]' });
const Ids = (max: number) => Type.Array(Id, { maxItems: max });
const Stamps = { createdAt: Instant, updatedAt: Instant, version: Version, abilities: Abilities };

// ---------- organisations ----------

export const Organization = Type.Object({
  id: Id,
  name: Type.String(),
  accountManagerId: NullableId,
  membersSeeEachOther: Type.Boolean(),
  /** Internal notes: present for agents only. */
  notes: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  active: Type.Boolean(),
  /** The organisation this one was merged into (then inactive); null otherwise. */
  mergedIntoId: NullableId,
  ...Stamps,
});
export type Organization = Static<typeof Organization>;

export const CreateOrganizationBody = Type.Object(
  {
    name: Name,
    /** An active agent with the `crm` role. */
    accountManagerId: Type.Optional(NullableId),
    membersSeeEachOther: Type.Optional(Type.Boolean()),
    notes: Type.Optional(Type.Union([Notes, Type.Null()])),
  },
  { additionalProperties: false },
);
export type CreateOrganizationBody = Static<typeof CreateOrganizationBody>;

export const UpdateOrganizationBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(Name),
    accountManagerId: Type.Optional(NullableId),
    membersSeeEachOther: Type.Optional(Type.Boolean()),
    notes: Type.Optional(Type.Union([Notes, Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateOrganizationBody = Static<typeof UpdateOrganizationBody>;

export const OrganizationListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

// ---------- contacts ----------

export const ContactPhone = Type.Object({
  /** As written. */
  phone: Type.String(),
  /** E.164 (+98…) when the number could be parsed, else null. */
  e164: Type.Union([Type.String(), Type.Null()]),
});

export const Contact = Type.Object({
  id: Id,
  /** The sign-in of this person, when they have one (possibly shared with an agent). */
  userId: NullableId,
  name: Type.String(),
  organizationId: NullableId,
  language: Language,
  /** As written, in order; the first is the primary address. */
  emails: Type.Array(Type.String()),
  phones: Type.Array(ContactPhone),
  /** Internal notes: present for agents only. */
  notes: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  active: Type.Boolean(),
  /** The contact this one was merged into (then inactive); null otherwise. */
  mergedIntoId: NullableId,
  ...Stamps,
});
export type Contact = Static<typeof Contact>;

const Emails = Type.Array(EmailAddress, { maxItems: 20 });
const Phones = Type.Array(PhoneNumber, { maxItems: 20 });

export const CreateContactBody = Type.Object(
  {
    name: Name,
    organizationId: Type.Optional(NullableId),
    language: Type.Optional(Language),
    emails: Type.Optional(Emails),
    phones: Type.Optional(Phones),
    notes: Type.Optional(Type.Union([Notes, Type.Null()])),
  },
  { additionalProperties: false },
);
export type CreateContactBody = Static<typeof CreateContactBody>;

export const UpdateContactBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(Name),
    organizationId: Type.Optional(NullableId),
    language: Type.Optional(Language),
    /** Replaces all emails. */
    emails: Type.Optional(Emails),
    /** Replaces all phones. */
    phones: Type.Optional(Phones),
    notes: Type.Optional(Type.Union([Notes, Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateContactBody = Static<typeof UpdateContactBody>;

/**
 * An admin links an existing sign-in to a contact without one (the same person, e.g. an agent who
 * is also served by the desk). Never implied by an email: the person proves it, or an admin says so.
 */
export const LinkContactSignInBody = Type.Object({ userId: Id, version: Version }, { additionalProperties: false });
export type LinkContactSignInBody = Static<typeof LinkContactSignInBody>;

export const ContactListQuery = Type.Object(
  {
    ...PageQuery,
    /** Exact match on the E.164 form: `۰۹۱۲ ۱۲۳ ۴۵۶۷` finds +989121234567. */
    phone: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    /** Exact match on the normalised address (case-insensitive). */
    email: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
    organizationId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type ContactListQuery = Static<typeof ContactListQuery>;

// ---------- agents ----------

const Roles = Type.Array(Role, { minItems: 1, maxItems: 5 });

export const Agent = Type.Object({
  id: Id,
  userId: Id,
  name: Type.String(),
  email: Type.String(),
  roles: Type.Array(Type.String()),
  groupIds: Type.Array(Id),
  active: Type.Boolean(),
  ...Stamps,
});
export type Agent = Static<typeof Agent>;

export const CreatedAgent = Type.Object({
  ...Agent.properties,
  /** The generated one-time password, returned only here and only when none was given. */
  initialPassword: Type.Optional(Type.String()),
  /** True when the email already had a sign-in (e.g. a contact's): that user became the agent, its password unchanged. */
  linkedToExistingUser: Type.Boolean(),
});
export type CreatedAgent = Static<typeof CreatedAgent>;

export const CreateAgentBody = Type.Object(
  {
    email: EmailAddress,
    name: Name,
    roles: Roles,
    groupIds: Type.Optional(Ids(100)),
    /** At least 12 characters; omit to have a one-time password generated (changed at first sign-in). */
    password: Type.Optional(Type.String({ minLength: 12, maxLength: 1024 })),
    locale: Type.Optional(Language),
  },
  { additionalProperties: false },
);
export type CreateAgentBody = Static<typeof CreateAgentBody>;

export const UpdateAgentBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(Name),
    roles: Type.Optional(Roles),
    /** Replaces all group memberships. */
    groupIds: Type.Optional(Ids(100)),
    /** `false` deactivates: every session and API token of the sign-in ends at once. */
    active: Type.Optional(Type.Boolean()),
    /** The sign-in's email (409 when another sign-in has it) and language. */
    email: Type.Optional(EmailAddress),
    locale: Type.Optional(Language),
  },
  { additionalProperties: false },
);
export type UpdateAgentBody = Static<typeof UpdateAgentBody>;

export const AgentListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

// ---------- groups ----------

export const Group = Type.Object({
  id: Id,
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  memberIds: Type.Array(Id),
  ...Stamps,
});
export type Group = Static<typeof Group>;

const GroupFields = {
  nameEn: Type.Optional(Type.Union([Name, Type.Null()])),
  description: Type.Optional(Type.Union([LongText(2_000), Type.Null()])),
  active: Type.Optional(Type.Boolean()),
  /** Agent ids; replaces all members. */
  memberIds: Type.Optional(Ids(1_000)),
};

export const CreateGroupBody = Type.Object({ name: Name, ...GroupFields }, { additionalProperties: false });
export type CreateGroupBody = Static<typeof CreateGroupBody>;

export const UpdateGroupBody = Type.Object({ version: Version, name: Type.Optional(Name), ...GroupFields }, { additionalProperties: false });
export type UpdateGroupBody = Static<typeof UpdateGroupBody>;

export const GroupListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

/** Merge this record into the survivor `intoId` (admin): `version` is this record's, as last read. */
export const PeopleMergeBody = Type.Object({ intoId: Id, version: Version }, { additionalProperties: false });
export type PeopleMergeBody = Static<typeof PeopleMergeBody>;
