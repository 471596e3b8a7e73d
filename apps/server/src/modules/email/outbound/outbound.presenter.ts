import type { NotificationKind, OutboundMessage } from '@pishkhan/contracts';
import type { OutboundRow } from './outbound.repository.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** Row → API object; `abilities.retry` when it failed or is held (who may see it may retry it). */
export function presentOutbound(row: OutboundRow): OutboundMessage {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    articleId: row.article_id,
    purpose: row.purpose as OutboundMessage['purpose'],
    notificationKind: (row.notification_kind as NotificationKind | null) ?? null,
    from: { address: row.from_address, name: row.from_name },
    to: JSON.parse(row.to_json),
    cc: JSON.parse(row.cc_json),
    bcc: JSON.parse(row.bcc_json),
    subject: row.subject,
    messageId: row.message_id,
    status: row.status as OutboundMessage['status'],
    reason: row.reason,
    lastError: row.last_error,
    attempts: row.attempts,
    createdAt: iso(row.created_at),
    sentAt: row.sent_at === null ? null : iso(row.sent_at),
    abilities: { retry: row.status === 'failed' || row.status === 'held' },
  };
}
