import type { UpdateTicketBody } from '@pishkhan/contracts';
import { actorUserId, agentSideOf, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/record.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { Db } from '../../../schema.ts';
import { apiFieldName, writeHistory } from '../history.ts';
import { isPending } from '../lifecycle.ts';
import { priorityOf, type Level } from '../priority.ts';
import { TicketErrors } from '../tickets.errors.ts';
import {
  loadTicketAccessForUpdate,
  replaceTicketTags,
  tagsOfTickets,
  updateTicketAtVersion,
  type TicketChanges,
  type TicketRow,
} from '../tickets.repository.ts';
import { historyOf, planStatusChange, recordStatusEvents } from '../status-change.ts';
import { visibleTo, enforce, enforceAtVersion, reassignRefusal, updateRefusal, type ViewedTicket } from '../ticket-abilities.ts';
import { ticketViewOf, type TicketCommandContext, type TicketView } from '../ticket-view.ts';
import {
  currentMatrix,
  normalizeTags,
  requireAssignee,
  requireCategory,
  requireGroup,
  requireOrganization,
  requireOverrideReason,
  requireRequester,
  type NormalizedTag,
} from '../ticket-fields.ts';

type Ticket = NonNullable<TicketRow>;

export interface UpdateTicketInput {
  actor: Actor;
  ticketId: number;
  body: UpdateTicketBody;
}

/**
 * Edits a ticket at the version the editor saw (409 record.stale otherwise; 409 ticket.closed on a
 * closed one). Everything is checked before anything is written. Priority follows impact and
 * urgency through the matrix unless overridden. Assigning: taking it yourself (or letting go of
 * it) is open to any worker; any other assignee or group change needs `reassign`. The first agent
 * of the owner group assigned to a ticket without an owner agent (a portal ticket) becomes its owner.
 * A status goes through the lifecycle (cause agent); an agent editing a `new` ticket takes it: it
 * becomes `open`. Fields and status are written in one update — one version step — with one history
 * row per changed field, and ticket.updated / ticket.assigned / ticket.status_changed.
 */
export const updateTicket = defineCommand('ticket.update', async (ctx: TicketCommandContext, input: UpdateTicketInput): Promise<TicketView> => {
  const { actor, body } = input;
  const trx = ctx.db;
  const access = visibleTo(actor, await loadTicketAccessForUpdate(trx, input.ticketId));
  await enforceAtVersion(trx, access, updateRefusal(actor, access), body.version);
  const ticket = access.row;
  const now = ctx.clock.now();

  const set: TicketChanges = {};
  const put = <K extends keyof Ticket>(column: K, value: Ticket[K] | undefined) => {
    if (value !== undefined && value !== ticket[column]) (set as Record<string, unknown>)[column] = value;
  };
  put('title', body.title);
  put('description', body.description);
  put('type', body.type);
  put('impact', body.impact);
  put('urgency', body.urgency);
  await applyPriority(trx, ticket, body, actor, set);
  await applyReferences(trx, ticket, body, set);
  await applyAssignment(trx, access, body, actor, set);

  const tagsBefore = (await tagsOfTickets(trx, [ticket.id])).map((t) => ({ tag: t.tag, normalized: t.tag_normalized }));
  const tagsAfter: NormalizedTag[] | undefined = body.tags === undefined ? undefined : normalizeTags(body.tags);
  const tagsChanged = tagsAfter !== undefined && tagText(tagsAfter) !== tagText(tagsBefore);

  // The status: asked for, or taken (an agent's first edit of a new ticket opens it).
  let to: string | undefined = body.status !== undefined && body.status !== ticket.status ? body.status : undefined;
  const fieldsChanged = Object.keys(set).length > 0 || tagsChanged;
  if (to === undefined && ticket.status === 'new' && fieldsChanged && agentSideOf(actor)) to = 'open';
  // The lifecycle's columns are planned on the edited ticket (a referral return sees the new group).
  const statusColumns = to === undefined ? {} : planStatusChange({ ...ticket, ...(set as Partial<Ticket>) }, to, 'agent', now);
  const pendingUntil = checkPendingUntil(body.pendingUntil, to ?? ticket.status, now);
  if (pendingUntil !== undefined && to === undefined) put('pending_until', pendingUntil);
  if (pendingUntil !== undefined && to !== undefined && isPending(to)) statusColumns.pending_until = pendingUntil;
  const fieldColumns = Object.keys(set);
  const columns = { ...set, ...statusColumns } as TicketChanges;

  if (Object.keys(columns).length === 0 && !tagsChanged) return ticketViewOf(trx, ticket);

  const updated = await updateTicketAtVersion(trx, ticket.id, ticket.version, { ...columns, updated_at: now });
  if (tagsChanged) await replaceTicketTags(trx, ticket.id, tagsAfter!);
  const historied = Object.keys(columns).filter((c) => c !== 'priority_overridden' && c !== 'priority_override_by');
  const { before, after } = historyOf(ticket, updated, historied);
  // The override is one field in history: its reason while set, null when cleared.
  before['priority_override'] = overrideText(ticket);
  after['priority_override'] = overrideText(updated);
  if (tagsChanged) {
    before['tags'] = tagsBefore.map((t) => t.tag);
    after['tags'] = tagsAfter!.map((t) => t.tag);
  }
  const written = await writeHistory(trx, { ticketId: ticket.id, actor, now, before, after });
  // ticket.updated names the edited fields; the lifecycle's own columns are ticket.status_changed's.
  const edited = new Set([...fieldColumns, 'priority_override', 'tags']);
  const changed = written.filter((f) => edited.has(f)).map(apiFieldName);

  const userId = actorUserId(actor);
  if (to !== undefined) await recordStatusEvents(trx, ctx.clock, { before: ticket, after: updated, actor, columns: statusColumns });
  if (changed.length > 0) await recordEvent(trx, ctx.clock, 'ticket.updated', { ticketId: ticket.id, actorUserId: userId, fields: changed });
  if ('assignee_group_id' in set || 'assignee_agent_id' in set) {
    await recordEvent(trx, ctx.clock, 'ticket.assigned', {
      ticketId: ticket.id,
      actorUserId: userId,
      groupId: updated.assignee_group_id,
      agentId: updated.assignee_agent_id,
    });
  }
  return ticketViewOf(trx, updated);
});

async function applyPriority(trx: Db, ticket: Ticket, body: UpdateTicketBody, actor: Actor, set: TicketChanges): Promise<void> {
  const impact = (body.impact ?? ticket.impact) as Level;
  const urgency = (body.urgency ?? ticket.urgency) as Level;
  const override = body.priorityOverride;
  if (override) {
    requireOverrideReason(override.reason);
    if (ticket.priority_overridden !== 1) set.priority_overridden = 1;
    if (override.priority !== ticket.priority) set.priority = override.priority;
    if (override.reason !== ticket.priority_override_reason) set.priority_override_reason = override.reason;
    const by = actorUserId(actor);
    if (by !== ticket.priority_override_by) set.priority_override_by = by;
    return;
  }
  const overridden = override === null ? false : ticket.priority_overridden === 1;
  if (override === null && ticket.priority_overridden === 1) {
    set.priority_overridden = 0;
    set.priority_override_reason = null;
    set.priority_override_by = null;
  }
  // Recalculated only when an input of the matrix changed or the override was cleared, so an
  // admin's later matrix edit does not silently move existing tickets.
  const inputsChanged = impact !== ticket.impact || urgency !== ticket.urgency || 'priority_overridden' in set;
  if (!overridden && inputsChanged) {
    const priority = priorityOf(await currentMatrix(trx), impact, urgency);
    if (priority !== ticket.priority) set.priority = priority;
  }
}

async function applyReferences(trx: Db, ticket: Ticket, body: UpdateTicketBody, set: TicketChanges): Promise<void> {
  if (body.categoryId !== undefined && body.categoryId !== ticket.category_id) {
    if (body.categoryId !== null) await requireCategory(trx, body.categoryId);
    set.category_id = body.categoryId;
  }
  if (body.requesterContactId !== undefined && body.requesterContactId !== ticket.requester_contact_id) {
    set.requester_contact_id = body.requesterContactId;
    if (body.requesterContactId !== null) {
      const requester = await requireRequester(trx, body.requesterContactId);
      // A new requester brings their organisation unless the editor names one.
      if (body.organizationId === undefined && requester.organization_id !== ticket.organization_id) set.organization_id = requester.organization_id;
    }
  }
  if (body.organizationId !== undefined && body.organizationId !== ticket.organization_id) {
    if (body.organizationId !== null) await requireOrganization(trx, body.organizationId);
    set.organization_id = body.organizationId;
  }
}

async function applyAssignment(trx: Db, access: ViewedTicket, body: UpdateTicketBody, actor: Actor, set: TicketChanges): Promise<void> {
  const me = agentSideOf(actor)?.id ?? null;
  const groupId = body.assigneeGroupId ?? access.assignee_group_id;
  const groupChanged = groupId !== access.assignee_group_id;
  // Moving to another group leaves the agent unassigned unless one is named.
  const agentId = body.assigneeAgentId !== undefined ? body.assigneeAgentId : groupChanged ? null : access.assignee_agent_id;
  const agentChanged = agentId !== access.assignee_agent_id;
  if (!groupChanged && !agentChanged) return;
  // Taking an unassigned ticket, or letting go of your own, is every worker's; taking one a colleague
  // holds is a reassignment (supervisor of the group or manager).
  const taking = agentId === me && access.assignee_agent_id === null;
  const releasing = agentId === null && access.assignee_agent_id === me;
  const takingOrReleasing = !groupChanged && me !== null && (taking || releasing);
  if (!takingOrReleasing) await enforce(trx, access, reassignRefusal(actor, access));
  if (groupId === null) throw new DomainError(TicketErrors['ticket.assignee_not_in_group'], { groupId, agentId });
  if (groupChanged) await requireGroup(trx, groupId);
  if (agentId !== null) await requireAssignee(trx, groupId, agentId);
  if (groupChanged) set.assignee_group_id = groupId;
  if (agentChanged) set.assignee_agent_id = agentId;
  // A portal ticket is owned by the first-line group alone until an agent of it takes it.
  if (access.owner_agent_id === null && agentId !== null && groupId === access.owner_group_id) set.owner_agent_id = agentId;
}

/** undefined: not given; null: clear; a time: must be in the future and the status pending. */
function checkPendingUntil(value: string | null | undefined, status: string, now: number): number | null | undefined {
  if (value === undefined || value === null) return value;
  if (!isPending(status)) throw new DomainError(TicketErrors['ticket.pending_until_needs_pending']);
  const at = Date.parse(value);
  if (!(at > now)) throw new DomainError(TicketErrors['ticket.pending_until_in_past']);
  return at;
}

function overrideText(t: Ticket): string | null {
  return t.priority_overridden === 1 ? (t.priority_override_reason ?? '') : null;
}

function tagText(tags: readonly NormalizedTag[]): string {
  return JSON.stringify(tags.map((t) => t.tag));
}
