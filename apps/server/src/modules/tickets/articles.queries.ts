import { decodeCursor, pageOf } from '../../platform/http/cursor.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Language } from '../../platform/http/language.ts';
import type { Db } from '../../schema.ts';
import { eventTexts } from './timeline-texts.ts';
import { contactNames, namesOfUsers } from '../people/index.ts';
import type { ArticleAttachmentRow, ArticleView, AuthorNames } from './articles.presenter.ts';
import { listArticleRows, loadArticleAttachments, type ArticleRow } from './articles.repository.ts';
import { invalidInput } from '../../platform/http/input-issues.ts';

/** The last id of the previous page, from an opaque cursor (400 when it is not one of ours). */
export function idCursor(cursor: string | undefined): number | undefined {
  const values = decodeCursor(cursor, 1);
  if (values === undefined) return undefined;
  const id = values[0];
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    throw invalidInput('cursor', 'cursor');
  }
  return id;
}

/**
 * Rows with what presenting them needs — their authors' names (a sign-in's, or a contact's when a
 * channel wrote without one) and the attachments the reader may see: one query per relation for
 * the whole page.
 */
export async function articleViews(db: Db, rows: readonly ArticleRow[], includeInternal: boolean): Promise<ArticleView[]> {
  const [users, contacts, attachments] = await Promise.all([
    namesOfUsers(
      db,
      rows.flatMap((r) => (r.author_user_id === null ? [] : [r.author_user_id])),
    ),
    contactNames(
      db,
      rows.flatMap((r) => (r.author_user_id === null && r.author_contact_id !== null ? [r.author_contact_id] : [])),
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
  return rows.map((row) => ({ row, names: namesOf(row, users, contacts), attachments: byArticle.get(row.id) ?? [] }));
}

function namesOf(row: ArticleRow, users: Map<number, AuthorNames>, contacts: Map<number, string>): AuthorNames | undefined {
  if (row.author_user_id !== null) return users.get(row.author_user_id);
  const contactName = row.author_contact_id === null ? undefined : contacts.get(row.author_contact_id);
  return contactName === undefined ? undefined : { agentName: null, contactName };
}

/**
 * A page of a ticket's timeline, oldest first. `includeInternal` comes from seesInternal(actor, ticket):
 * readers who are not the desk never receive internal notes, internal events or internal attachments.
 */
export async function listArticles(
  db: Db,
  input: { ticketId: number; includeInternal: boolean; limit: number; cursor?: string | undefined; reader: { actor: Actor; language: Language } },
): Promise<{ items: ArticleView[]; nextCursor: string | null }> {
  const afterId = idCursor(input.cursor);
  const rows = await listArticleRows(db, {
    ticketId: input.ticketId,
    includeInternal: input.includeInternal,
    ...(afterId === undefined ? {} : { afterId }),
    limit: input.limit + 1,
  });
  const page = pageOf(rows, input.limit, (r) => [r.id]);
  const [views, texts] = await Promise.all([articleViews(db, page.items, input.includeInternal), eventTexts(db, input.reader, page.items)]);
  return { items: views.map((v) => ({ ...v, eventText: texts.get(v.row.id) ?? null })), nextCursor: page.nextCursor };
}
