import { Type, type Static } from 'typebox';
import { Id, Instant, Page, PageQuery } from './common.ts';
import type { EventMap, EventName } from './events.ts';

/** ready → running → done; a failure goes back to ready with back-off, or to dead after the last attempt. */
export const JobStatus = Type.Union([Type.Literal('ready'), Type.Literal('running'), Type.Literal('done'), Type.Literal('dead')]);
export type JobStatus = Static<typeof JobStatus>;

/** A row of the job queue as an admin sees it (Admin → Jobs). */
export const AdminJob = Type.Object({
  id: Id,
  name: Type.String(),
  status: JobStatus,
  attempts: Type.Integer({ minimum: 0 }),
  maxAttempts: Type.Integer({ minimum: 1 }),
  runAt: Instant,
  /** The last failure's message (never a stack trace). */
  lastError: Type.Union([Type.String(), Type.Null()]),
  lockedBy: Type.Union([Type.String(), Type.Null()]),
  lockedUntil: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
  updatedAt: Instant,
  finishedAt: Type.Union([Instant, Type.Null()]),
  /** The job's input: ids, never secrets. */
  payload: Type.Unknown(),
});
export type AdminJob = Static<typeof AdminJob>;

export const AdminJobsQuery = Type.Object({ status: Type.Optional(JobStatus), ...PageQuery }, { additionalProperties: false });
export type AdminJobsQuery = Static<typeof AdminJobsQuery>;

export const AdminJobsPage = Page(AdminJob);
export type AdminJobsPage = Static<typeof AdminJobsPage>;

/** The payload of a job enqueued for one subscriber of one outbox event (platform/events). */
export interface EventJob<K extends EventName = EventName> {
  /** The outbox row: with the recipient, a natural idempotency key for the handler's effects. */
  outboxId: number;
  event: K;
  payload: EventMap[K];
  /** When the event was recorded (epoch ms). */
  occurredAt: number;
}

/** The payload of a job that needs no input (sweeps run by a schedule). */
export type NoPayload = Record<string, never>;

/**
 * Background jobs: name → payload, for every job that exists (as EventMap is for events). The job
 * queue's `define`, `enqueue` and `schedule` are typed from it: an unknown name or a wrong payload
 * fails the type check. Payloads carry ids, never secrets. A subscriber of event K takes `EventJob<K>`.
 */
export interface JobMap {
  'platform.apply_retention': NoPayload;
  /** Re-seals every sealed value under the current secret's key (`pishkhan secret rotate`; ADR 0022). */
  'platform.secret_rotate': { rotationId: number };
  'access.delete_expired_sessions': NoPayload;
  'audit.apply_retention': NoPayload;
  'tickets.return_pending': NoPayload;
  'tickets.sweep_orphan_blobs': NoPayload;
  'notifications.ticket_assigned': EventJob<'ticket.assigned'>;
  'notifications.ticket_escalated': EventJob<'ticket.escalated'>;
  'notifications.ticket_pending_reached': EventJob<'ticket.pending_reached'>;
  'notifications.ticket_referral_returned': EventJob<'ticket.referral_returned'>;
  'search.ticket_created': EventJob<'ticket.created'>;
  'search.ticket_updated': EventJob<'ticket.updated'>;
  'search.ticket_status_changed': EventJob<'ticket.status_changed'>;
  'search.ticket_article_added': EventJob<'ticket.article_added'>;
  'search.ticket_merged': EventJob<'ticket.merged'>;
  'search.contact_created': EventJob<'contact.created'>;
  'search.contact_updated': EventJob<'contact.updated'>;
  'search.contact_merged': EventJob<'contact.merged'>;
  'search.organization_merged': EventJob<'organization.merged'>;
  'search.organization_created': EventJob<'organization.created'>;
  'search.organization_updated': EventJob<'organization.updated'>;
  /** One batch of an index rebuild (`pishkhan reindex`): the next batch is enqueued by this one. */
  'search.rebuild': { rebuildId: number; kind: 'ticket' | 'contact' | 'organization'; afterId: number };
  'notifications.ticket_created': EventJob<'ticket.created'>;
  'notifications.article_added': EventJob<'ticket.article_added'>;
  'notifications.status_changed': EventJob<'ticket.status_changed'>;
  /** The SLA sweep's warning and breach: the assignee and the group hear of it. */
  'notifications.sla_warning': EventJob<'ticket.sla_warning'>;
  'notifications.sla_breached': EventJob<'ticket.sla_breached'>;
  /** A contract ends soon: its account manager hears of it. */
  'notifications.contract_expiring': EventJob<'contract.expiring'>;
  /** A one-time link access issued, mailed to its address (notifications/link-mail.ts). */
  'notifications.link_mail': EventJob<'access.link_issued'>;
  /** An account locked after failed sign-ins: its owner is told by mail. */
  'notifications.account_locked': EventJob<'access.account_locked'>;
  /** Mail out: a desk's public reply goes to the customer side by mail (reply-all by default). */
  'email.mail_reply': EventJob<'ticket.article_added'>;
  /** Mail out: sends one outbound_messages row (retries with back-off; finally failed is recorded on the row). */
  'email.send_message': { outboundId: number };
  /** Single sign-on: sync one directory's agents and contacts (new, changed, disabled) and record the report. */
  'sso.sync_directory': { directoryId: number };
  /** Single sign-on: every minute, enqueue the sync of each directory whose schedule is due. */
  'sso.sync_due_directories': NoPayload;
  /** Auto-assignment (modules/duty): a new ticket, a ticket moved into a group without an agent, and the catch-up sweep. */
  'duty.assign_created': EventJob<'ticket.created'>;
  'duty.assign_moved': EventJob<'ticket.assigned'>;
  'duty.assign_waiting': NoPayload;
  /** SLA: recompute the clocks of the ticket an event names (policy re-chosen on a field that selects it). */
  'sla.ticket_created': EventJob<'ticket.created'>;
  'sla.ticket_updated': EventJob<'ticket.updated'>;
  'sla.ticket_status_changed': EventJob<'ticket.status_changed'>;
  'sla.ticket_article_added': EventJob<'ticket.article_added'>;
  /** SLA: after a calendar change, the open tickets under it in chunks; each chunk enqueues the next. */
  'sla.calendar_changed': EventJob<'calendar.changed'>;
  /** SLA: after an edit of a policy's targets, calendar or pause rule, its open tickets through the same chunks. */
  'sla.policy_changed': EventJob<'sla_policy.changed'>;
  /** The open tickets of the calendar's policies, or of one policy, after `afterId`. */
  'sla.recompute_chunk': { calendarId: number; version: number; afterId: number } | { policyId: number; version: number; afterId: number };
  /** SLA: the one sweep over the next-event index (warnings, breaches). */
  'sla.sweep': NoPayload;
  /** Contracts: the daily expiry notice (N days before the end, once per contract). */
  'contracts.expiry_notice': NoPayload;
}

export type JobName = keyof JobMap;
export const JOB_NAMES = [
  'platform.apply_retention',
  'platform.secret_rotate',
  'access.delete_expired_sessions',
  'audit.apply_retention',
  'tickets.return_pending',
  'tickets.sweep_orphan_blobs',
  'notifications.ticket_assigned',
  'notifications.ticket_escalated',
  'notifications.ticket_pending_reached',
  'notifications.ticket_referral_returned',
  'search.ticket_created',
  'search.ticket_updated',
  'search.ticket_status_changed',
  'search.ticket_article_added',
  'search.ticket_merged',
  'search.contact_created',
  'search.contact_updated',
  'search.organization_created',
  'search.organization_updated',
  'search.rebuild',
  'notifications.ticket_created',
  'notifications.article_added',
  'notifications.status_changed',
  'notifications.sla_warning',
  'notifications.sla_breached',
  'notifications.contract_expiring',
  'notifications.link_mail',
  'notifications.account_locked',
  'email.mail_reply',
  'email.send_message',
  'sso.sync_directory',
  'sso.sync_due_directories',
  'duty.assign_created',
  'duty.assign_moved',
  'duty.assign_waiting',
  'sla.ticket_created',
  'sla.ticket_updated',
  'sla.ticket_status_changed',
  'sla.ticket_article_added',
  'sla.calendar_changed',
  'sla.policy_changed',
  'sla.recompute_chunk',
  'sla.sweep',
  'contracts.expiry_notice',
] as const satisfies readonly JobName[];
