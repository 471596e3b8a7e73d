import { Type, type Static } from 'typebox';
import { TicketSla } from './sla.ts';
import { Id, Instant, LongText, PageQuery, Version } from './common.ts';
import { TicketFilter } from './filters.ts';

/**
 * Tickets core: create, read, update, list, history, escalation, confirm/reopen, queues and the
 * priority matrix. Text is stored exactly as written and returned as JSON text; times are ISO-8601
 * UTC instants; priority 1 critical … 4 low; impact and urgency 1 high … 3 low.
 */

export const TICKET_STATUSES = ['new', 'open', 'pending_customer', 'pending_third_party', 'resolved', 'closed'] as const;
export const TICKET_TYPES = ['incident', 'service_request'] as const;
export const TICKET_CHANNELS = ['portal', 'email', 'phone', 'sms', 'api', 'agent'] as const;
/** `sla_due`: the earliest running SLA due time, tickets without one last (first with `-sla_due`). */
export const TICKET_SORTS = ['created_at', '-created_at', 'updated_at', '-updated_at', 'priority', '-priority', 'number', '-number', 'sla_due', '-sla_due'] as const;

export const TicketStatus = Type.Enum(TICKET_STATUSES);
/** problem and change arrive with problem management; reads may already show them. */
export const TicketType = Type.Enum(TICKET_TYPES);
export const TicketChannel = Type.Enum(TICKET_CHANNELS);
export const TicketLevel = Type.Integer({ minimum: 1, maximum: 3 });
export const TicketPriority = Type.Integer({ minimum: 1, maximum: 4 });
const NullableId = Type.Union([Id, Type.Null()]);
const NullableInstant = Type.Union([Instant, Type.Null()]);
const Title = Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' });
const Reason = Type.String({ maxLength: 2_000 });
/** A tag as written (≤ 50 characters); matched on its trimmed, lower-cased, digit-folded form. */
export const TicketTag = Type.String({ minLength: 1, maxLength: 50, pattern: '\\S' });
const Tags = Type.Array(TicketTag, { maxItems: 20 });

export const PriorityOverrideInput = Type.Object(
  {
    priority: TicketPriority,
    /** Required (422 ticket.override_reason_required when blank). */
    reason: Reason,
  },
  { additionalProperties: false },
);

export const CreateTicketBody = Type.Object(
  {
    title: Title,
    description: Type.Optional(LongText(100_000)),
    type: TicketType,
    /** 1 high … 3 low; default 2. */
    impact: Type.Optional(TicketLevel),
    /** 1 high … 3 low; default 2. */
    urgency: Type.Optional(TicketLevel),
    /** Agents only: a fixed priority with a reason; stops recalculation until cleared. */
    priorityOverride: Type.Optional(PriorityOverrideInput),
    categoryId: Type.Optional(NullableId),
    /** Agents: where the request came from (default 'agent'). Contacts always create through 'portal'. */
    channel: Type.Optional(TicketChannel),
    /** Agents only: the customer person asking. A contact creating a ticket is its requester. */
    requesterContactId: Type.Optional(NullableId),
    /** Agents only: defaults to the requester's organisation. */
    organizationId: Type.Optional(NullableId),
    /** Agents only: defaults to the creating agent's first group. */
    assigneeGroupId: Type.Optional(Id),
    /** Agents only: must be a member of the assignee group; default unassigned. */
    assigneeAgentId: Type.Optional(NullableId),
    tags: Type.Optional(Tags),
    /** Agents only: 'resolved' opens it already solved (a call solved on the spot), first response met. Default 'new'. */
    status: Type.Optional(Type.Enum(['new', 'resolved'] as const)),
  },
  { additionalProperties: false },
);
export type CreateTicketBody = Static<typeof CreateTicketBody>;

export const UpdateTicketBody = Type.Object(
  {
    version: Version,
    title: Type.Optional(Title),
    description: Type.Optional(LongText(100_000)),
    type: Type.Optional(TicketType),
    impact: Type.Optional(TicketLevel),
    urgency: Type.Optional(TicketLevel),
    /** Sets a fixed priority (reason required) or, with null, clears it and recalculates. */
    priorityOverride: Type.Optional(Type.Union([PriorityOverrideInput, Type.Null()])),
    categoryId: Type.Optional(NullableId),
    requesterContactId: Type.Optional(NullableId),
    organizationId: Type.Optional(NullableId),
    /** Replaces the set of tags. */
    tags: Type.Optional(Tags),
    status: Type.Optional(TicketStatus),
    /** Only with a pending status (new or current); must be in the future. */
    pendingUntil: Type.Optional(NullableInstant),
    /** Taking the ticket yourself is open to any worker; anything else needs the right to reassign. */
    assigneeAgentId: Type.Optional(NullableId),
    assigneeGroupId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type UpdateTicketBody = Static<typeof UpdateTicketBody>;

export const TicketPersonRef = Type.Object({ id: Id, name: Type.String() });
export const TicketAssignment = Type.Object({ groupId: NullableId, agentId: NullableId });

export const TicketAbilities = Type.Object({
  update: Type.Boolean(),
  reassign: Type.Boolean(),
  escalate: Type.Boolean(),
  acknowledgeEscalation: Type.Boolean(),
  reply: Type.Boolean(),
  note: Type.Boolean(),
  attach: Type.Boolean(),
  relate: Type.Boolean(),
  merge: Type.Boolean(),
  history: Type.Boolean(),
  watch: Type.Boolean(),
  confirm: Type.Boolean(),
  reopen: Type.Boolean(),
});
export type TicketAbilities = Static<typeof TicketAbilities>;

const TicketCommon = {
  id: Id,
  number: Type.Integer(),
  /** The number with the installation's prefix, e.g. "#10001". */
  displayNumber: Type.String(),
  title: Type.String(),
  type: Type.String(),
  status: TicketStatus,
  impact: TicketLevel,
  urgency: TicketLevel,
  priority: TicketPriority,
  channel: Type.String(),
  categoryId: NullableId,
  requester: Type.Union([TicketPersonRef, Type.Null()]),
  organization: Type.Union([TicketPersonRef, Type.Null()]),
  owner: TicketAssignment,
  assignee: TicketAssignment,
  /** Agents only (absent for contacts): 0 none, 1 the assignee group's supervisors, 2 the managers. */
  escalationLevel: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 })),
  /** Agents only: the SLA clocks (the list's "SLA due" column is sla.dueAt). */
  sla: Type.Optional(TicketSla),
  pendingUntil: NullableInstant,
  tags: Type.Array(Type.String()),
  createdAt: Instant,
  updatedAt: Instant,
  resolvedAt: NullableInstant,
};

export const TicketSummary = Type.Object(TicketCommon);
export type TicketSummary = Static<typeof TicketSummary>;

export const Ticket = Type.Object({
  ...TicketCommon,
  description: Type.String(),
  /** Agents only (absent for contacts). `by` is the user id who set it. */
  priorityOverride: Type.Optional(Type.Union([Type.Object({ priority: TicketPriority, reason: Type.String(), by: NullableId }), Type.Null()])),
  escalatedAt: Type.Optional(NullableInstant),
  escalationAcknowledgedAt: Type.Optional(NullableInstant),
  mergedInto: Type.Union([Type.Object({ id: Id, number: Type.Integer() }), Type.Null()]),
  firstResponseAt: NullableInstant,
  closedAt: NullableInstant,
  version: Version,
  abilities: TicketAbilities,
  /** The statuses this reader may set with PATCH (empty when they cannot update). */
  nextStatuses: Type.Array(TicketStatus),
});
export type Ticket = Static<typeof Ticket>;

/** Comma lists where noted; ids as decimal integers. Each parameter is a condition of the filter language (filters.ts), AND-ed. */
export const TicketListQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(Type.String({ maxLength: 200, pattern: '^[a-z_]+(,[a-z_]+)*$' })),
    type: Type.Optional(Type.String({ maxLength: 100, pattern: '^[a-z_]+(,[a-z_]+)*$' })),
    priority: Type.Optional(Type.String({ maxLength: 20, pattern: '^[1-4](,[1-4])*$' })),
    /** The assignee group. */
    groupId: Type.Optional(Id),
    /** An agent id, or `none` for unassigned tickets. */
    assigneeAgentId: Type.Optional(Type.String({ maxLength: 20, pattern: '^(none|[1-9][0-9]{0,15})$' })),
    ownerAgentId: Type.Optional(Id),
    ownerGroupId: Type.Optional(Id),
    requesterContactId: Type.Optional(Id),
    organizationId: Type.Optional(Id),
    tag: Type.Optional(TicketTag),
    channel: Type.Optional(TicketChannel),
    categoryId: Type.Optional(Id),
    createdFrom: Type.Optional(Instant),
    createdTo: Type.Optional(Instant),
    updatedFrom: Type.Optional(Instant),
    updatedTo: Type.Optional(Instant),
    /** The human number, digits in any script, an optional `#` first (e.g. `#۱۰۰۰۱`). */
    number: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    /** A search query (words, "phrases", -word, word*, status: group: assignee: requester: tag: #number), AND-ed with the other parameters. */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    /** A TicketFilter (filters.ts) as JSON, URL-encoded (≤ 8 KB as JSON), AND-ed with the other parameters. */
    filter: Type.Optional(Type.String({ minLength: 1, maxLength: 8_192 })),
    /** A field, `-` first for descending; default -updated_at. */
    sort: Type.Optional(Type.Enum(TICKET_SORTS)),
  },
  { additionalProperties: false },
);
export type TicketListQuery = Static<typeof TicketListQuery>;

/** POST /tickets/search: the list by a filter of the language in the body (no URL length to mind). */
export const TicketSearchBody = Type.Object(
  {
    filter: TicketFilter,
    sort: Type.Optional(Type.Enum(TICKET_SORTS)),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type TicketSearchBody = Static<typeof TicketSearchBody>;

export const TicketPage = Type.Object({ items: Type.Array(TicketSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const TicketHistoryEntry = Type.Object({
  id: Id,
  /** The field as the API names it (assigneeGroupId, priority, status, tags, escalationReason …). */
  field: Type.String(),
  oldValue: Type.Union([Type.String(), Type.Null()]),
  newValue: Type.Union([Type.String(), Type.Null()]),
  /** Beside an id or a code, its name in the reader's language (group, agent, contact, organisation, category, status, the merged-into ticket's number); null otherwise. */
  oldLabel: Type.Union([Type.String(), Type.Null()]),
  newLabel: Type.Union([Type.String(), Type.Null()]),
  actor: Type.Object({ userId: NullableId, system: Type.Union([Type.String(), Type.Null()]), name: Type.String() }),
  createdAt: Instant,
});
export const TicketHistoryPage = Type.Object({ items: Type.Array(TicketHistoryEntry), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export const TicketHistoryQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

const EscalationReason = Type.String({ minLength: 1, maxLength: 2_000, pattern: '\\S' });

export const EscalationBody = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('functional'),
      /** The group the ticket is referred to (not its current assignee group). */
      groupId: Id,
      /** Optionally an agent of that group. */
      agentId: Type.Optional(Id),
      reason: EscalationReason,
      /** Optional optimistic check (409 record.stale). */
      version: Type.Optional(Version),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('hierarchical'), reason: EscalationReason, version: Type.Optional(Version) },
    { additionalProperties: false },
  ),
]);
export type EscalationBody = Static<typeof EscalationBody>;

/** Body of confirm / reopen / acknowledge / de-escalate: an optional optimistic version check. */
export const TicketActionBody = Type.Object({ version: Type.Optional(Version) }, { additionalProperties: false });

/**
 * Every queue view (tickets/queues.ts defines them) with its count for the caller: exact when
 * `capped` is false; when true, `count` is the cap (1,000) and the view holds at least that many (ADR 0027).
 */
export const QueueList = Type.Object({ items: Type.Array(Type.Object({ name: Type.String(), count: Type.Integer({ minimum: 0 }), capped: Type.Boolean() })) });
export const QueueParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }) });
export const QueueTicketsQuery = Type.Object({ ...PageQuery, sort: Type.Optional(Type.Enum(TICKET_SORTS)) }, { additionalProperties: false });

/** rows impact high/medium/low × columns urgency high/medium/low → priority 1..4. */
export const PriorityMatrix = Type.Array(Type.Array(TicketPriority, { minItems: 3, maxItems: 3 }), { minItems: 3, maxItems: 3 });
export const PriorityMatrixBody = Type.Object({ matrix: PriorityMatrix }, { additionalProperties: false });
export const PriorityMatrixResponse = Type.Object({ matrix: PriorityMatrix });

