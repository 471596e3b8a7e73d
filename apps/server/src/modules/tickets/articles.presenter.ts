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
 * Who wrote an article, as the timeline shows it. Events are the system's (naming the person whose
 * action caused them); replies on the 'agent' channel and notes are the desk's; everything else
 * came from the customer. One person may be agent and contact: the side they wrote as decides.
 */
export function authorOf(row: Pick<ArticleRow, 'kind' | 'channel' | 'author_user_id' | 'author_system'>, names: AuthorNames | undefined): Article['author'] {
  const userId = row.author_user_id;
  if (row.kind === 'event' || (row.author_system !== null && userId === null)) {
    return { userId, name: names?.agentName ?? names?.contactName ?? row.author_system ?? 'system', kind: 'system' };
  }
  if (row.kind === 'note' || row.channel === 'agent') {
    return { userId, name: names?.agentName ?? names?.contactName ?? '', kind: 'agent' };
  }
  return { userId, name: names?.contactName ?? names?.agentName ?? '', kind: 'contact' };
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

/** Row → API article. Bodies go out exactly as stored (JSON text, never rendered). */
export function presentArticle(row: ArticleRow, names: AuthorNames | undefined, attachments: readonly ArticleAttachmentRow[]): Article {
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
    attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size })),
    originalTicketId: row.original_ticket_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
