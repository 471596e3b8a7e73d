import type { Db } from '../../schema.ts';

/** A new article: a reply, a note or a system event on a ticket's timeline. */
export interface NewArticle {
  ticket_id: number;
  kind: 'reply' | 'note' | 'event';
  internal: 0 | 1;
  channel: string;
  author_user_id: number | null;
  author_system: string | null;
  author_kind: 'agent' | 'contact' | 'system';
  author_contact_id: number | null;
  body: string;
  raw_body: string | null;
  event_type: string | null;
  event_data: string | null;
  created_at: number;
  /** Where it was first written, when it came from a ticket merged into this one. */
  original_ticket_id?: number | null;
}

/** Inserts an article and returns its row (what the presenter needs, without reading it again). */
export function insertArticle(db: Db, article: NewArticle): Promise<ArticleRow> {
  return db.insertInto('articles').values({ original_ticket_id: null, ...article }).returningAll().executeTakeFirstOrThrow();
}

export type ArticleRow = Awaited<ReturnType<typeof listArticleRows>>[number];

/** One page of a ticket's timeline, oldest first (ids are assigned in time order). */
export function listArticleRows(db: Db, input: { ticketId: number; includeInternal: boolean; afterId?: number; limit: number }) {
  let q = db.selectFrom('articles').selectAll().where('ticket_id', '=', input.ticketId);
  if (!input.includeInternal) q = q.where('internal', '=', 0);
  if (input.afterId !== undefined) q = q.where('id', '>', input.afterId);
  return q.orderBy('id', 'asc').limit(input.limit).execute();
}

/** Attachments linked to a page of articles: one query. */
export function loadArticleAttachments(db: Db, articleIds: readonly number[], includeInternal: boolean) {
  if (articleIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('attachments')
    .select(['id', 'article_id', 'filename', 'content_type', 'size'])
    .where('article_id', 'in', articleIds);
  if (!includeInternal) q = q.where('internal', '=', 0);
  return q.orderBy('id').execute();
}

/**
 * The attachments a new article may claim: uploaded to this ticket by this user (by a channel
 * without a sign-in when userId is null) and not yet linked to an article.
 */
export function loadLinkableAttachments(db: Db, input: { ticketId: number; userId: number | null; ids: readonly number[] }) {
  if (input.ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .select(['id', 'internal'])
    .where('id', 'in', input.ids)
    .where('ticket_id', '=', input.ticketId)
    .where('uploaded_by_user_id', input.userId === null ? 'is' : '=', input.userId)
    .where('article_id', 'is', null)
    .execute();
}

/** Links uploads to an article; a note's attachments become internal with it (else the file would outlive the note's privacy). */
export async function linkAttachments(db: Db, articleId: number, ids: readonly number[], internal: boolean): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('attachments')
    .set(internal ? { article_id: articleId, internal: 1 } : { article_id: articleId })
    .where('id', 'in', ids)
    .where('article_id', 'is', null)
    .execute();
}

/** Marks a ticket as touched by timeline activity without changing its version (no field changed). */
export async function touchTicket(db: Db, ticketId: number, now: number): Promise<void> {
  await db.updateTable('tickets').set({ updated_at: now }).where('id', '=', ticketId).execute();
}

