import type { CreateTicketBody } from '@pishkhan/contracts';
import type { Actor } from '../../../platform/actor.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { recordEvent } from '../../../platform/events/record.ts';
import { DomainError, forbidden } from '../../../platform/http/errors.ts';
import { ticketSettings } from '../tickets.settings.ts';
import type { Db } from '../../../schema.ts';
import { priorityOf, type Level } from '../priority.ts';
import { TicketErrors } from '../tickets.errors.ts';
import { creatorKind } from '../tickets.policy.ts';
import { defaultGroupId } from '../../people/index.ts';
import { allocateTicketNumber, insertTicket, replaceTicketTags, type NewTicket } from '../tickets.repository.ts';
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

/** Impact and urgency when the caller gives none: medium, i.e. priority 3 with the default matrix. */
const DEFAULT_LEVEL: Level = 2;

/** Fields a contact may not set through the portal (403 ticket.field_not_editable). */
const AGENT_ONLY_FIELDS = ['priorityOverride', 'organizationId', 'assigneeGroupId', 'assigneeAgentId'] as const;

/**
 * Opens a ticket (status `new`). An agent creates it for a requester, owns it with their group
 * (the assignee group when they belong to it, else their first group) and routes it to an
 * assignee group (default: their first group). A contact creates through the portal: they are
 * the requester, their organisation is copied, and the desk's first-line group ("Service Desk",
 * the lowest group id) owns and works it until an agent takes it. The number comes from one
 * counter row in the same transaction, so concurrent creations never share a number.
 */
export async function createTicket(trx: Db, ctx: { clock: Clock }, input: { actor: Actor; body: CreateTicketBody }): Promise<number> {
  const { actor, body } = input;
  const kind = creatorKind(actor);
  if (kind === null || actor.kind !== 'user') throw forbidden('create');
  const now = ctx.clock.now();
  const impact = (body.impact ?? DEFAULT_LEVEL) as Level;
  const urgency = (body.urgency ?? DEFAULT_LEVEL) as Level;
  const matrix = await currentMatrix(trx);
  if (body.categoryId != null) await requireCategory(trx, body.categoryId);
  const tags = normalizeTags(body.tags ?? []);

  let fields: Pick<
    NewTicket,
    | 'channel'
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
  if (kind === 'contact') {
    const contact = actor.contact!;
    for (const field of AGENT_ONLY_FIELDS) {
      if (body[field] !== undefined) throw new DomainError(TicketErrors['ticket.field_not_editable'], { field });
    }
    if (body.requesterContactId != null && body.requesterContactId !== contact.id) {
      throw new DomainError(TicketErrors['ticket.field_not_editable'], { field: 'requesterContactId' });
    }
    const deskGroup = await defaultGroupId(trx);
    fields = {
      channel: 'portal',
      requester_contact_id: contact.id,
      organization_id: contact.organizationId,
      owner_group_id: deskGroup,
      owner_agent_id: null,
      assignee_group_id: deskGroup,
      assignee_agent_id: null,
      priority: priorityOf(matrix, impact, urgency),
      priority_overridden: 0,
      priority_override_reason: null,
      priority_override_by: null,
    };
  } else {
    const agent = actor.agent!;
    const requester = body.requesterContactId == null ? undefined : await requireRequester(trx, body.requesterContactId);
    if (body.organizationId != null) await requireOrganization(trx, body.organizationId);
    const organizationId = body.organizationId !== undefined ? body.organizationId : (requester?.organization_id ?? null);
    const override = body.priorityOverride;
    if (override) requireOverrideReason(override.reason);
    const firstGroup = agent.groupIds[0] ?? (await defaultGroupId(trx));
    const assigneeGroupId = body.assigneeGroupId ?? firstGroup;
    // Bootstrap always creates the first-line group, so null means a broken installation.
    if (assigneeGroupId === null) throw invalidReference('assigneeGroupId');
    if (body.assigneeGroupId !== undefined) await requireGroup(trx, assigneeGroupId);
    const assigneeAgentId = body.assigneeAgentId ?? null;
    if (assigneeAgentId !== null) await requireAssignee(trx, assigneeGroupId, assigneeAgentId);
    fields = {
      channel: body.channel ?? 'agent',
      requester_contact_id: requester?.id ?? null,
      organization_id: organizationId,
      owner_group_id: agent.groupIds.includes(assigneeGroupId) ? assigneeGroupId : (agent.groupIds[0] ?? assigneeGroupId),
      owner_agent_id: agent.id,
      assignee_group_id: assigneeGroupId,
      assignee_agent_id: assigneeAgentId,
      priority: override ? override.priority : priorityOf(matrix, impact, urgency),
      priority_overridden: override ? 1 : 0,
      priority_override_reason: override ? override.reason : null,
      priority_override_by: override ? actor.userId : null,
    };
  }

  // Everything is valid: only now take a number and write.
  const number = await allocateTicketNumber(trx, await ticketSettings.get(trx, 'tickets.first_number'));
  const row = await insertTicket(trx, {
    ...fields,
    number,
    type: body.type,
    status: 'new',
    title: body.title,
    description: body.description ?? '',
    impact,
    urgency,
    category_id: body.categoryId ?? null,
    escalation_level: 0,
    created_by_user_id: actor.userId,
    created_at: now,
    updated_at: now,
    version: 1,
  });
  await replaceTicketTags(trx, row.id, tags);
  await recordEvent(trx, ctx.clock, 'ticket.created', { ticketId: row.id, actorUserId: actor.userId });
  return row.id;
}
