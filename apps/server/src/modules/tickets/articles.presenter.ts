import type { Article, ArticleKind } from '@pishkhan/contracts';
import type { ArticleRow } from './articles.repository.ts';

export interface AuthorNames {
  agentName: string | null;
  contactName: string | null;
}

export interface ArticleAttachmentRow {
  id: number;
  article_id: number | null;
  filename: string;
  content_type: string;
  size: number;
}

/**
 * Who wrote an article, as the timeline shows it: the side (agent, contact, system) recorded when
 * it was written — one person may be agent and contact — with that side's name.
 */
export function authorOf(
  row: Pick<ArticleRow, 'author_kind' | 'author_user_id' | 'author_system' | 'author_contact_id'>,
  names: AuthorNames | undefined,
): Article['author'] {
  const userId = row.author_user_id;
  if (row.author_kind === 'agent') return { userId, name: names?.agentName ?? names?.contactName ?? '', kind: 'agent' };
  if (row.author_kind === 'contact') {
    const name = names?.contactName ?? names?.agentName ?? '';
    return row.author_contact_id === null ? { userId, name, kind: 'contact' } : { userId, contactId: row.author_contact_id, name, kind: 'contact' };
  }
  return { userId, name: names?.agentName ?? names?.contactName ?? row.author_system ?? 'system', kind: 'system' };
}

function parseEventData(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return null;
  }
}

/** An article with what presenting it needs: its author's names and the attachments its reader may see. */
export interface ArticleView {
  row: ArticleRow;
  names: AuthorNames | undefined;
  attachments: ArticleAttachmentRow[];
  /** An event's sentence in the reader's language (timeline-texts.ts); null for other articles. */
  eventText?: string | null;
}

/** View → API article. Bodies go out exactly as stored (JSON text, never rendered). */
export function presentArticle({ row, names, attachments, eventText }: ArticleView): Article {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    kind: row.kind as ArticleKind,
    internal: row.internal === 1,
    channel: row.channel,
    author: authorOf(row, names),
    body: row.body,
    eventType: row.event_type,
    eventData: parseEventData(row.event_data),
    eventText: eventText ?? null,
    attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size })),
    originalTicketId: row.original_ticket_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
