/**
 * Domain events: name → payload. Commands write them to the outbox in their own transaction;
 * the dispatcher hands each to the jobs subscribed to it. Payloads carry ids, never internal text
 * that a contact must not receive (notes stay out of every payload).
 */
export interface EventMap {
  'ticket.created': { ticketId: number; actorUserId: number | null };
  'ticket.updated': { ticketId: number; actorUserId: number | null; fields: string[] };
  'ticket.status_changed': { ticketId: number; actorUserId: number | null; from: string; to: string };
  'ticket.assigned': { ticketId: number; actorUserId: number | null; groupId: number | null; agentId: number | null };
  'ticket.escalated': {
    ticketId: number;
    actorUserId: number | null;
    kind: 'hierarchical' | 'functional';
    level?: number;
    groupId?: number | null;
  };
  'ticket.referral_returned': { ticketId: number; actorUserId: number | null; ownerGroupId: number | null; ownerAgentId: number | null };
  'ticket.article_added': { ticketId: number; articleId: number; kind: 'reply' | 'note' | 'event'; internal: boolean; actorUserId: number | null };
  'ticket.merged': { sourceTicketId: number; targetTicketId: number; actorUserId: number | null };
  'ticket.pending_reached': { ticketId: number };
}

export type EventName = keyof EventMap;
export const EVENT_NAMES = [
  'ticket.created',
  'ticket.updated',
  'ticket.status_changed',
  'ticket.assigned',
  'ticket.escalated',
  'ticket.referral_returned',
  'ticket.article_added',
  'ticket.merged',
  'ticket.pending_reached',
] as const satisfies readonly EventName[];
