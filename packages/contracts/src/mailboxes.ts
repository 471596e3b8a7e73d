import { Type, type Static } from 'typebox';
import { Abilities, EmailAddress, Id, Instant, PageQuery, Version } from './common.ts';

/** How a mailbox's mail arrives: the built-in SMTP receiver, or an IMAP account Pishkhan polls. */
export const MailboxKind = Type.Union([Type.Literal('smtp'), Type.Literal('imap')]);
export type MailboxKind = Static<typeof MailboxKind>;

/** How the outgoing relay is secured: STARTTLS upgrade, TLS from the first byte, or none (a local relay). */
export const RelaySecurity = Type.Union([Type.Literal('starttls'), Type.Literal('tls'), Type.Literal('none')]);
export type RelaySecurity = Static<typeof RelaySecurity>;

const Host = Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.\\-:\\[\\]]+$' });
const Port = Type.Integer({ minimum: 1, maximum: 65535 });
const Folder = Type.String({ minLength: 1, maxLength: 200 });
const UserName = Type.String({ minLength: 1, maxLength: 320 });
/** Write-only: sealed at rest, never returned. */
const Secret = Type.String({ minLength: 1, maxLength: 1_000 });
const Nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A mailbox as the API shows it: passwords never, only whether one is set. */
export const Mailbox = Type.Object({
  id: Id,
  address: Type.String(),
  name: Nullable(Type.String()),
  groupId: Id,
  kind: MailboxKind,
  imap: Type.Object({
    host: Nullable(Type.String()),
    port: Nullable(Type.Integer()),
    tls: Type.Boolean(),
    user: Nullable(Type.String()),
    passwordSet: Type.Boolean(),
    folder: Type.String(),
    /** Processed mail is moved here; null: flagged \Seen and left in place. */
    processedFolder: Nullable(Type.String()),
    rejectedFolder: Type.String(),
  }),
  relay: Type.Object({
    host: Nullable(Type.String()),
    port: Nullable(Type.Integer()),
    security: RelaySecurity,
    user: Nullable(Type.String()),
    passwordSet: Type.Boolean(),
  }),
  active: Type.Boolean(),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
  abilities: Abilities,
});
export type Mailbox = Static<typeof Mailbox>;

const ImapFields = Type.Object(
  {
    host: Type.Optional(Nullable(Host)),
    port: Type.Optional(Nullable(Port)),
    tls: Type.Optional(Type.Boolean()),
    user: Type.Optional(Nullable(UserName)),
    /** A new password (sealed); null clears it. */
    password: Type.Optional(Nullable(Secret)),
    folder: Type.Optional(Folder),
    processedFolder: Type.Optional(Nullable(Folder)),
    rejectedFolder: Type.Optional(Folder),
  },
  { additionalProperties: false },
);

const RelayFields = Type.Object(
  {
    host: Type.Optional(Nullable(Host)),
    port: Type.Optional(Nullable(Port)),
    security: Type.Optional(RelaySecurity),
    user: Type.Optional(Nullable(UserName)),
    password: Type.Optional(Nullable(Secret)),
  },
  { additionalProperties: false },
);

const MailboxFields = {
  name: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
  groupId: Type.Optional(Id),
  imap: Type.Optional(ImapFields),
  relay: Type.Optional(RelayFields),
  active: Type.Optional(Type.Boolean()),
};

export const CreateMailboxBody = Type.Object({ address: EmailAddress, kind: MailboxKind, ...MailboxFields }, { additionalProperties: false });
export type CreateMailboxBody = Static<typeof CreateMailboxBody>;

export const UpdateMailboxBody = Type.Object({ version: Version, address: Type.Optional(EmailAddress), kind: Type.Optional(MailboxKind), ...MailboxFields }, { additionalProperties: false });
export type UpdateMailboxBody = Static<typeof UpdateMailboxBody>;

export const MailboxListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type MailboxListQuery = Static<typeof MailboxListQuery>;
