import type { Article } from '@pishkhan/contracts';
import { decodeCursor, pageOf } from '../../platform/http/cursor.ts';
import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { namesOfUsers } from '../people/index.ts';
import { presentArticle, type ArticleAttachmentRow } from './articles.presenter.ts';
import { listArticleRows, loadArticleAttachments, loadArticleRows, type ArticleRow } from './articles.repository.ts';

/** The last id of the previous page, from an opaque cursor (400 when it is not one of ours). */
export function idCursor(cursor: string | undefined): number | undefined {
  const values = decodeCursor(cursor, 1);
  if (values === undefined) return undefined;
  const id = values[0];
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    throw new DomainError(CommonErrors['request.invalid'], { summary: 'cursor is not valid', field: 'cursor' });
  }
  return id;
}

/** Presents rows with their authors and attachments: one query per relation for the whole page. */
async function presentRows(db: Db, rows: readonly ArticleRow[], includeInternal: boolean): Promise<Article[]> {
  const [names, attachments] = await Promise.all([
    namesOfUsers(
      db,
      rows.flatMap((r) => (r.author_user_id === null ? [] : [r.author_user_id])),
    ),
    loadArticleAttachments(
      db,
      rows.map((r) => r.id),
      includeInternal,
    ),
  ]);
  const byArticle = new Map<number, ArticleAttachmentRow[]>();
  for (const a of attachments) {
    const list = byArticle.get(a.article_id!) ?? [];
    list.push(a);
    byArticle.set(a.article_id!, list);
  }
  return rows.map((r) => presentArticle(r, r.author_user_id === null ? undefined : names.get(r.author_user_id), byArticle.get(r.id) ?? []));
}

/**
 * A page of a ticket's timeline, oldest first. `includeInternal` comes from seesInternal(actor, ticket):
 * readers who are not the desk never receive internal notes, internal events or internal attachments.
 */
export async function listArticles(
  db: Db,
  input: { ticketId: number; includeInternal: boolean; limit: number; cursor?: string | undefined },
): Promise<{ items: Article[]; nextCursor: string | null }> {
  const afterId = idCursor(input.cursor);
  const rows = await listArticleRows(db, {
    ticketId: input.ticketId,
    includeInternal: input.includeInternal,
    ...(afterId === undefined ? {} : { afterId }),
    limit: input.limit + 1,
  });
  const page = pageOf(rows, input.limit, (r) => [r.id]);
  return { items: await presentRows(db, page.items, input.includeInternal), nextCursor: page.nextCursor };
}

/** One article as its reader sees it (after creating it). */
export async function loadArticle(db: Db, articleId: number, includeInternal: boolean): Promise<Article> {
  const rows = await loadArticleRows(db, [articleId]);
  const [article] = await presentRows(db, rows, includeInternal);
  if (!article) throw new Error(`article ${articleId} vanished`);
  return article;
}
