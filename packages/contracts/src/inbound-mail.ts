import { Type, type Static } from 'typebox';
import { Id, Instant, PageQuery } from './common.ts';

const Nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** What became of an inbound message. */
export const InboundMailState = Type.Union(
  ['received', 'ticket', 'article', 'held', 'rejected', 'bounce', 'looped', 'ignored'].map((s) => Type.Literal(s)),
);
export type InboundMailState = Static<typeof InboundMailState>;

/** An inbound message held for review (an unknown sender under `email.unknown_senders = hold`). */
export const HeldMail = Type.Object({
  id: Id,
  mailboxId: Nullable(Id),
  from: Nullable(Type.String()),
  subject: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  flags: Type.Array(Type.String()),
  receivedAt: Instant,
});
export type HeldMail = Static<typeof HeldMail>;

/** One held message in full: its visible text (never markup) and where its raw bytes are downloaded. */
export const HeldMailDetail = Type.Object({
  ...HeldMail.properties,
  state: InboundMailState,
  body: Type.String(),
  foldedBody: Type.String(),
  problems: Type.Array(Type.String()),
  ticketId: Nullable(Id),
  rawUrl: Type.String(),
});
export type HeldMailDetail = Static<typeof HeldMailDetail>;

export const HeldMailListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type HeldMailListQuery = Static<typeof HeldMailListQuery>;

/** A mail that came in for a ticket, as the desk reads it: the sanitised HTML (cid: images point at the attachment content route), the folded history, the raw download. */
export const InboundMail = Type.Object({
  id: Id,
  articleId: Nullable(Id),
  from: Nullable(Type.String()),
  subject: Type.String(),
  state: InboundMailState,
  flags: Type.Array(Type.String()),
  receivedAt: Instant,
  body: Type.String(),
  foldedBody: Type.String(),
  html: Nullable(Type.String()),
  rawUrl: Type.String(),
});
export type InboundMail = Static<typeof InboundMail>;
export const InboundMails = Type.Object({ items: Type.Array(InboundMail) });
export type InboundMails = Static<typeof InboundMails>;
