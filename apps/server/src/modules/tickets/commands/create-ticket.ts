import type { CreateTicketBody } from '@pishkhan/contracts';
import { toStorableText } from '@pishkhan/text';
import { actorUserId, agentSideOf, contactSideOf, isTrustedSystem, type Actor } from '../../../platform/actor.ts';
import { channelKey, defineCommand, onceForKey } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/record.ts';
import { DomainError, forbidden } from '../../../platform/http/errors.ts';
import { authorize } from '../../../platform/policy/index.ts';
import { ticketSettings } from '../tickets.settings.ts';
import type { Db } from '../../../schema.ts';
import { writeHistory } from '../history.ts';
import type { Channel } from '../lifecycle.ts';
import { priorityOf, type Level } from '../priority.ts';
import { TicketErrors } from '../tickets.errors.ts';
import { creatorKind, ticketDeskPolicy, TICKET_DESK } from '../tickets.policy.ts';
import { defaultGroupId } from '../../people/index.ts';
import { allocateTicketNumber, insertTicket, loadTicketRow, replaceTicketTags, type NewTicket, type TicketRow } from '../tickets.repository.ts';
import { historyOf, planStatusChange, recordStatusEvents } from '../status-change.ts';
import { ticketViewOf, type TicketCommandContext, type TicketView } from '../ticket-view.ts';
import { invalidInput } from '../../../platform/http/input-issues.ts';
import {
  currentMatrix,
  invalidReference,
  normalizeTags,
  requireAssignee,
  requireCategory,
  requireGroup,
  requireOrganization,
  requireOverrideReason,
  requireRequester,
} from '../ticket-fields.ts';

type Ticket = NonNullable<TicketRow>;

/** Impact and urgency when the caller gives none: medium, i.e. priority 3 with the default matrix. */
const DEFAULT_LEVEL: Level = 2;

/** Fields a contact may not set (403 ticket.field_not_editable). Impact is the desk's (see below). */
const AGENT_ONLY_FIELDS = ['priorityOverride', 'organizationId', 'assigneeGroupId', 'assigneeAgentId', 'status'] as const;

/** Channels a customer's request can arrive through; phone and agent are the desk's. */
const CONTACT_CHANNELS: readonly Channel[] = ['portal', 'email', 'sms', 'api'];

/**
 * What a ticket is opened with: the fields of POST /tickets, the channel it came through, and an
 * idempotency key unique per channel (a Message-ID, an SMS id, an Idempotency-Key header).
 */
export type CreateTicketInput = Omit<CreateTicketBody, 'channel'> & {
  actor: Actor;
  /** Default: 'agent' for agents, 'portal' for signed-in contacts, the channel of a system actor ('mail' → 'email'). */
  channel?: Channel | undefined;
  idempotencyKey?: string | undefined;
};

/** The opened ticket; `replayed` when the idempotency key had been used and this is the first call's ticket. */
export type CreateTicketResult = TicketView & { replayed: boolean };

/**
 * Opens a ticket — the one entry for every channel. An agent creates it for a requester, owns it
 * with their group (the assignee group when they belong to it, else their first group) and routes
 * it to an assignee group (default: their first group); phone is an agent with channel 'phone'. A
 * contact — signed in, or a channel (mail, sms) on behalf of one — is the requester; their
 * organisation is copied, the desk sets impact (medium), and the first-line group ("Service Desk",
 * the lowest group id) owns and works it until an agent takes it. The system itself opens tickets
 * like the desk, without an owner agent. An agent may open it already resolved (a call solved on
 * the spot): first response and resolution are now. Text the databases cannot store is kept with
 * U+FFFD, the original in raw_input. A repeated idempotency key returns the first ticket and creates
 * nothing. The number comes from one counter row in the same transaction.
 */
export const createTicket = defineCommand('ticket.create', async (ctx: TicketCommandContext, input: CreateTicketInput): Promise<CreateTicketResult> => {
  const { actor } = input;
  authorize(ticketDeskPolicy, actor, 'create', TICKET_DESK);
  const kind = creatorKind(actor) ?? (isTrustedSystem(actor) ? 'system' : null);
  if (kind === null) throw forbidden('create');
  const channel = channelOf(actor, kind, input.channel);
  const now = ctx.clock.now();
  const { result, replayed } = await onceForKey(ctx.db, channelKey(actor, channel, input.idempotencyKey), now, async () => ({
    ticketId: await openTicket(ctx, input, kind, channel, now),
  }));
  const row = await loadTicketRow(ctx.db, result.ticketId);
  return { ...(await ticketViewOf(ctx.db, row!)), replayed };
});

/** Where a request came from, as the actor may say it (403 ticket.field_not_editable for a desk channel claimed by a contact). */
function channelOf(actor: Actor, kind: 'agent' | 'contact' | 'system', asked: Channel | undefined): Channel {
  if (kind === 'agent') return asked ?? 'agent';
  if (actor.kind === 'user') return asked === 'api' ? 'api' : 'portal';
  const channel = asked ?? (actor.kind === 'system' && actor.name === 'mail' ? 'email' : actor.kind === 'system' && actor.name === 'sms' ? 'sms' : 'api');
  if (kind === 'contact' && !CONTACT_CHANNELS.includes(channel)) throw new DomainError(TicketErrors['ticket.field_not_editable'], { field: 'channel' });
  return channel;
}

type Assignment = Pick<
  NewTicket,
  | 'requester_contact_id'
  | 'organization_id'
  | 'owner_group_id'
  | 'owner_agent_id'
  | 'assignee_group_id'
  | 'assignee_agent_id'
  | 'priority'
  | 'priority_overridden'
  | 'priority_override_reason'
  | 'priority_override_by'
>;

async function openTicket(ctx: TicketCommandContext, input: CreateTicketInput, kind: 'agent' | 'contact' | 'system', channel: Channel, now: number): Promise<number> {
  const trx = ctx.db;
  const { actor } = input;
  const text = storable(input);
  if (text.title.trim() === '') throw invalidInput('title', 'blank');
  const impact = (input.impact ?? DEFAULT_LEVEL) as Level;
  const urgency = (input.urgency ?? DEFAULT_LEVEL) as Level;
  const matrix = await currentMatrix(trx);
  if (input.categoryId != null) await requireCategory(trx, input.categoryId);
  const tags = normalizeTags(text.tags);
  const fields = kind === 'contact' ? await contactAssignment(trx, input) : await deskAssignment(trx, input, actor);
  if (fields.priority_overridden === 0) fields.priority = priorityOf(matrix, impact, urgency);

  // Everything is valid: only now take a number and write.
  const number = await allocateTicketNumber(trx, await ticketSettings.get(trx, 'tickets.first_number'));
  const draft = {
    ...fields,
    number,
    type: input.type,
    status: 'new',
    title: text.title,
    description: text.description,
    raw_input: text.raw,
    impact,
    urgency,
    category_id: input.categoryId ?? null,
    channel,
    escalation_level: 0,
    escalated_at: null,
    escalation_acknowledged_at: null,
    pending_until: null,
    first_response_at: null,
    resolved_at: null,
    created_by_user_id: actorUserId(actor),
    created_at: now,
    updated_at: now,
    version: 1,
  } satisfies NewTicket;
  // Resolved on the spot: the lifecycle's columns of new → resolved, in the same insert (version 1).
  const resolved = input.status === 'resolved' ? { ...planStatusChange(draft as unknown as Ticket, 'resolved', 'agent', now), first_response_at: now } : undefined;
  const row = await insertTicket(trx, { ...draft, ...(resolved ?? {}) });
  await replaceTicketTags(trx, row.id, tags);
  await recordEvent(trx, ctx.clock, 'ticket.created', { ticketId: row.id, actorUserId: actorUserId(actor) });
  if (resolved) {
    await writeHistory(trx, { ticketId: row.id, actor, now, ...historyOf(draft as unknown as Ticket, row, Object.keys(resolved)) });
    await recordStatusEvents(trx, ctx.clock, { before: { id: row.id, status: 'new' }, after: row, actor, columns: resolved });
  }
  return row.id;
}

/** A contact's request: they are the requester, the desk's first-line group owns it, impact is the desk's. */
async function contactAssignment(trx: Db, input: CreateTicketInput): Promise<Assignment> {
  const contact = contactSideOf(input.actor)!;
  for (const field of AGENT_ONLY_FIELDS) {
    if (input[field] !== undefined) throw new DomainError(TicketErrors['ticket.field_not_editable'], { field });
  }
  // A customer sets urgency, not impact, so cannot make their own request priority 1. The portal
  // form may send the desk's default, which is what they get anyway.
  if (input.impact !== undefined && input.impact !== DEFAULT_LEVEL) throw new DomainError(TicketErrors['ticket.field_not_editable'], { field: 'impact' });
  if (input.requesterContactId != null && input.requesterContactId !== contact.id) {
    throw new DomainError(TicketErrors['ticket.field_not_editable'], { field: 'requesterContactId' });
  }
  const deskGroup = await defaultGroupId(trx);
  return {
    requester_contact_id: contact.id,
    organization_id: contact.organizationId,
    owner_group_id: deskGroup,
    owner_agent_id: null,
    assignee_group_id: deskGroup,
    assignee_agent_id: null,
    priority: 0,
    priority_overridden: 0,
    priority_override_reason: null,
    priority_override_by: null,
  };
}

/** The desk's ticket (an agent's, or the system's without an owner agent): references checked, routed to a group. */
async function deskAssignment(trx: Db, input: CreateTicketInput, actor: Actor): Promise<Assignment> {
  const agent = agentSideOf(actor);
  const requester = input.requesterContactId == null ? undefined : await requireRequester(trx, input.requesterContactId);
  if (input.organizationId != null) await requireOrganization(trx, input.organizationId);
  const organizationId = input.organizationId !== undefined ? input.organizationId : (requester?.organization_id ?? null);
  const override = input.priorityOverride;
  if (override) requireOverrideReason(override.reason);
  const firstGroup = agent?.groupIds[0] ?? (await defaultGroupId(trx));
  const assigneeGroupId = input.assigneeGroupId ?? firstGroup;
  // Bootstrap always creates the first-line group, so null means a broken installation.
  if (assigneeGroupId === null) throw invalidReference('assigneeGroupId');
  if (input.assigneeGroupId !== undefined) await requireGroup(trx, assigneeGroupId);
  const assigneeAgentId = input.assigneeAgentId ?? null;
  if (assigneeAgentId !== null) await requireAssignee(trx, assigneeGroupId, assigneeAgentId);
  return {
    requester_contact_id: requester?.id ?? null,
    organization_id: organizationId,
    owner_group_id: agent && !agent.groupIds.includes(assigneeGroupId) ? (agent.groupIds[0] ?? assigneeGroupId) : assigneeGroupId,
    owner_agent_id: agent?.id ?? null,
    assignee_group_id: assigneeGroupId,
    assignee_agent_id: assigneeAgentId,
    priority: override ? override.priority : 0,
    priority_overridden: override ? 1 : 0,
    priority_override_reason: override ? override.reason : null,
    priority_override_by: override ? actorUserId(actor) : null,
  };
}

/**
 * Title, description and tags as the databases can store them (U+0000 and lone surrogates become
 * U+FFFD) and, when anything was replaced, the original fields as JSON for raw_input. The HTTP edge
 * refuses such text; channels that cannot refuse (mail, sms) bring it here.
 */
function storable(input: CreateTicketInput): { title: string; description: string; tags: string[]; raw: string | null } {
  const original = { title: input.title, description: input.description ?? '', tags: input.tags ?? [] };
  const title = toStorableText(original.title);
  const description = toStorableText(original.description);
  const tags = original.tags.map(toStorableText);
  const replaced = title !== original.title || description !== original.description || tags.some((t, i) => t !== original.tags[i]);
  return { title, description, tags, raw: replaced ? JSON.stringify(original) : null };
}
