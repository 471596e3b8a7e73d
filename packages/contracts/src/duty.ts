import { Type, type Static } from 'typebox';
import { Id, Instant, ShortText, Version } from './common.ts';

/** How a group hands out its new tickets: not at all, in turn, or to whoever has the fewest open. */
export const AssignmentMode = Type.Union([Type.Literal('off'), Type.Literal('round_robin'), Type.Literal('least_loaded')]);
export type AssignmentMode = Static<typeof AssignmentMode>;

/** An agent's duty: the calendar they work by (null: their group's) and an away period with a return date. */
export const AgentDuty = Type.Object({
  agentId: Id,
  /** The agent's own working calendar; null means the group's calendar (else the desk's default). */
  calendarId: Type.Union([Id, Type.Null()]),
  /** Away until this instant (null: not away). */
  awayUntil: Type.Union([Instant, Type.Null()]),
  awayNote: Type.Union([Type.String(), Type.Null()]),
  /** Whether the agent is on duty now (working time in their calendar and not away). */
  onDutyNow: Type.Boolean(),
  version: Version,
  abilities: Type.Object({ update: Type.Boolean() }),
});
export type AgentDuty = Static<typeof AgentDuty>;

export const UpdateAgentDutyBody = Type.Object(
  {
    version: Version,
    calendarId: Type.Optional(Type.Union([Id, Type.Null()])),
    /** A return date in the future, or null to be back. */
    awayUntil: Type.Optional(Type.Union([Instant, Type.Null()])),
    awayNote: Type.Optional(Type.Union([ShortText(500), Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateAgentDutyBody = Static<typeof UpdateAgentDutyBody>;

/** A group's automatic assignment: mode, cap of open tickets per agent, the group's working calendar. */
export const GroupAssignment = Type.Object({
  groupId: Id,
  mode: AssignmentMode,
  /** Open (not resolved or closed) tickets an agent may hold before auto-assignment skips them; null: no cap. */
  maxOpenPerAgent: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  /** The group's working calendar (members without their own work by it); null: the desk's default. */
  calendarId: Type.Union([Id, Type.Null()]),
  /** The members on duty now, in the order auto-assignment would consider them next. */
  onDuty: Type.Array(Type.Object({ agentId: Id, name: Type.String(), openTickets: Type.Integer({ minimum: 0 }) })),
  version: Version,
  abilities: Type.Object({ update: Type.Boolean() }),
});
export type GroupAssignment = Static<typeof GroupAssignment>;

export const UpdateGroupAssignmentBody = Type.Object(
  {
    version: Version,
    mode: Type.Optional(AssignmentMode),
    maxOpenPerAgent: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 10_000 }), Type.Null()])),
    calendarId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateGroupAssignmentBody = Static<typeof UpdateGroupAssignmentBody>;
