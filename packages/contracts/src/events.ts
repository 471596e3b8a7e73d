/**
 * Domain events: name → payload. Commands write them to the outbox in their own transaction;
 * the dispatcher hands each to the jobs subscribed to it. Payloads carry ids, never internal text
 * that a contact must not receive (notes stay out of every payload).
 */
export interface EventMap {
  'ticket.created': { ticketId: number; actorUserId: number | null };
  'ticket.updated': { ticketId: number; actorUserId: number | null; fields: string[] };
  /** `quiet`: a catch-up close (auto-close long overdue, e.g. the first sweep of an upgraded desk) the requester is not told of. */
  'ticket.status_changed': { ticketId: number; actorUserId: number | null; from: string; to: string; quiet?: boolean };
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
  'organization.created': { organizationId: number; actorUserId: number | null };
  'organization.updated': { organizationId: number; actorUserId: number | null; fields: string[] };
  /** Merged into the survivor (admin): its tickets, watchers, articles, emails and phones moved there; it is now inactive. */
  'organization.merged': { organizationId: number; intoId: number; actorUserId: number | null; contactIds: number[]; ticketIds: number[] };
  'contact.created': { contactId: number; actorUserId: number | null };
  'contact.updated': { contactId: number; actorUserId: number | null; fields: string[] };
  /** A sign-in now is this contact too: by an admin's explicit link (or, later, the person's own accepted invitation or verified email). */
  'contact.sign_in_linked': { contactId: number; userId: number; actorUserId: number | null };
  /** Merged into the survivor `intoId` (admin): its tickets as requester, watches, articles, emails and phones moved there; it is now inactive. */
  'contact.merged': { contactId: number; intoId: number; actorUserId: number | null; ticketIds: number[] };
  'agent.created': { agentId: number; actorUserId: number | null };
  'agent.updated': { agentId: number; actorUserId: number | null; fields: string[] };
  /** An agent's working calendar or away period changed (modules/duty). */
  'agent.duty_changed': { agentId: number; actorUserId: number | null };
  'group.created': { groupId: number; actorUserId: number | null };
  'group.updated': { groupId: number; actorUserId: number | null; fields: string[] };
  /**
   * A single-use sign-in link was made for someone (an invitation, a password reset, a sign-up's
   * email check, a ticket's magic link): the notification channels deliver it to `to`. The link
   * itself is sealed with the desk's key (platform/crypto `open(ctx.sealKeys, sealedLink, 'access.link')`),
   * so the outbox never holds a usable secret in clear.
   */
  'access.link_issued': {
    purpose: 'invitation' | 'password_reset' | 'sign_up' | 'ticket_link';
    userId: number | null;
    contactId: number | null;
    ticketId: number | null;
    to: string;
    language: 'fa' | 'en';
    sealedLink: string;
    expiresAt: number;
    /** The link travels inside another mail (the "request received" notice): no mail of its own. */
    carried?: boolean;
  };
  'mailbox.created': { mailboxId: number; actorUserId: number | null };
  'mailbox.updated': { mailboxId: number; actorUserId: number | null; fields: string[] };
  /** After repeated failed sign-ins an account is locked until `until`: the channels tell its owner. */
  'access.account_locked': { userId: number; to: string; language: 'fa' | 'en'; until: number };
  /**
   * A business calendar's working time changed (hours, holidays, a closure, a Hijri confirmation,
   * or it was created or deleted): due times under it must be recomputed. `version` is the new one.
   */
  /** A ticket reached its policy's warning share of a target (business time): its assignee and group are told. */
  'ticket.sla_warning': { ticketId: number; target: 'first_response' | 'next_response' | 'resolution'; dueAt: number; actionKey: string };
  /** A ticket breached a target; the sweep escalates it as the `sla` system actor when the policy says so. */
  'ticket.sla_breached': { ticketId: number; target: 'first_response' | 'next_response' | 'resolution'; dueAt: number; actionKey: string };
  /** An admin changed a policy's targets, calendar or pause rule: open tickets under it get their due times recomputed. */
  'sla_policy.changed': { policyId: number; version: number; fields: string[] };
  /** A contract ends within `contracts.expiry_notice_days` (default 30): its account manager is told, once per contract and end date. */
  'contract.expiring': { contractId: number; organizationId: number; name: string; endsOn: string; accountManagerId: number; noticeKey: string };
  'calendar.changed': { calendarId: number; version: number; actorUserId: number | null; reason: 'created' | 'updated' | 'deleted' | 'holiday' | 'closure' | 'hijri_confirmation' };
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
  'organization.created',
  'organization.updated',
  'organization.merged',
  'contact.created',
  'contact.updated',
  'contact.sign_in_linked',
  'contact.merged',
  'agent.created',
  'agent.updated',
  'agent.duty_changed',
  'group.created',
  'group.updated',
  'access.link_issued',
  'mailbox.created',
  'mailbox.updated',
  'calendar.changed',
  'ticket.sla_warning',
  'ticket.sla_breached',
  'contract.expiring',
  'sla_policy.changed',
  'access.account_locked',
] as const satisfies readonly EventName[];
