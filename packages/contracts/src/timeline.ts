import { Type, type Static } from 'typebox';
import { Id, Instant, PageQuery, Version } from './common.ts';

/**
 * A ticket's timeline: articles (public replies, internal notes, system events), attachments,
 * relations between tickets, merges and watchers. Bodies are stored exactly as written and
 * returned as JSON text — never rendered HTML.
 */

const NullableId = Type.Union([Id, Type.Null()]);

export const ArticleKind = Type.Union([Type.Literal('reply'), Type.Literal('note'), Type.Literal('event')]);
export type ArticleKind = Static<typeof ArticleKind>;
export const AuthorKind = Type.Union([Type.Literal('agent'), Type.Literal('contact'), Type.Literal('system')]);

export const ArticleAttachment = Type.Object({
  id: Id,
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer({ minimum: 0 }),
});

export const ArticleAuthor = Type.Object({
  /** The person who wrote it (or whose action caused an event); null for the system alone. */
  userId: NullableId,
  /** The contact who wrote it, on the contact side (a channel such as mail may write for a contact without a sign-in). */
  contactId: Type.Optional(Id),
  name: Type.String(),
  kind: AuthorKind,
});

export const Article = Type.Object({
  id: Id,
  ticketId: Id,
  kind: ArticleKind,
  /** Internal notes and internal events: never sent to a contact. */
  internal: Type.Boolean(),
  channel: Type.String(),
  author: ArticleAuthor,
  body: Type.String(),
  /** Events only: what happened, e.g. ticket.merged_into. */
  eventType: Type.Union([Type.String(), Type.Null()]),
  eventData: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  /** Events only: what happened as a sentence in the reader's language, names rendered when read. */
  eventText: Type.Union([Type.String(), Type.Null()]),
  attachments: Type.Array(ArticleAttachment),
  /** Set on articles that came from a ticket merged into this one. */
  originalTicketId: NullableId,
  createdAt: Instant,
});
export type Article = Static<typeof Article>;

export const ArticleListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type ArticleListQuery = Static<typeof ArticleListQuery>;

/** Attachments already uploaded to the ticket (POST /tickets/:id/attachments) and not yet linked to an article. */
const AttachmentIds = Type.Array(Id, { maxItems: 20, uniqueItems: true });
/** 1..100k characters, not only whitespace. */
const Body = Type.String({ minLength: 1, maxLength: 100_000, pattern: '\\S' });

export const ReplyBody = Type.Object({ body: Body, attachmentIds: Type.Optional(AttachmentIds) }, { additionalProperties: false });
export type ReplyBody = Static<typeof ReplyBody>;

export const NoteBody = Type.Object({ body: Body, attachmentIds: Type.Optional(AttachmentIds) }, { additionalProperties: false });
export type NoteBody = Static<typeof NoteBody>;

/** A created article and the ticket it landed in (a reply to a merged ticket lands in the surviving one). */
export const ArticleCreated = Type.Object({
  ticketId: Id,
  ticketNumber: Type.Integer(),
  ticketStatus: Type.String(),
  ticketVersion: Version,
  article: Article,
});
export type ArticleCreated = Static<typeof ArticleCreated>;

// ---------- attachments ----------

export const Attachment = Type.Object({
  id: Id,
  ticketId: Id,
  articleId: NullableId,
  filename: Type.String(),
  /** Sniffed from the content, never the client's word for dangerous types. */
  contentType: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  internal: Type.Boolean(),
  uploadedByUserId: NullableId,
  createdAt: Instant,
});
export type Attachment = Static<typeof Attachment>;

export const AttachmentListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type AttachmentListQuery = Static<typeof AttachmentListQuery>;

export const AttachmentsUploaded = Type.Object({ ticketId: Id, items: Type.Array(Attachment) });
export type AttachmentsUploaded = Static<typeof AttachmentsUploaded>;

// ---------- relations ----------

export const RelationKind = Type.Union([
  Type.Literal('related'),
  /** The ticket (source) is the parent of the target. */
  Type.Literal('parent_child'),
  /** The ticket (source) follows up the target. */
  Type.Literal('follow_up_of'),
  /** The ticket (source) duplicates the target. */
  Type.Literal('duplicate_of'),
]);
export type RelationKind = Static<typeof RelationKind>;

export const RelatedTicket = Type.Object({ id: Id, number: Type.Integer(), title: Type.String(), status: Type.String() });

export const Relation = Type.Object({
  id: Id,
  kind: RelationKind,
  /** outgoing: this ticket is the relation's source (e.g. the parent); incoming: it is the target. */
  direction: Type.Union([Type.Literal('outgoing'), Type.Literal('incoming')]),
  /** The other ticket. */
  ticket: RelatedTicket,
  createdAt: Instant,
});
export type Relation = Static<typeof Relation>;

export const RelationBody = Type.Object({ kind: RelationKind, targetTicketId: Id }, { additionalProperties: false });
export type RelationBody = Static<typeof RelationBody>;

export const RelationParams = Type.Object({ id: Id, relationId: Id });

// ---------- merge ----------

export const MergeBody = Type.Object({ intoTicketId: Id }, { additionalProperties: false });
export type MergeBody = Static<typeof MergeBody>;

export const MergeResult = Type.Object({
  source: Type.Object({ id: Id, number: Type.Integer(), status: Type.String(), mergedIntoId: Id, version: Version }),
  target: Type.Object({ id: Id, number: Type.Integer(), status: Type.String(), version: Version }),
  moved: Type.Object({ articles: Type.Integer(), attachments: Type.Integer(), watchers: Type.Integer() }),
});
export type MergeResult = Static<typeof MergeResult>;

// ---------- watchers ----------

export const Watcher = Type.Object({
  id: Id,
  kind: Type.Union([Type.Literal('agent'), Type.Literal('contact')]),
  agentId: NullableId,
  contactId: NullableId,
  name: Type.String(),
  createdAt: Instant,
});
export type Watcher = Static<typeof Watcher>;

export const WatcherBody = Type.Union([
  Type.Object({ agentId: Id }, { additionalProperties: false }),
  Type.Object({ contactId: Id }, { additionalProperties: false }),
]);
export type WatcherBody = Static<typeof WatcherBody>;

export const WatcherParams = Type.Object({ id: Id, watcherId: Id });
