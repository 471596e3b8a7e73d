import { Type, type Static } from 'typebox';

/** What an agent is doing on a ticket (platform/realtime presence; ADR 0025). */
export const PresenceState = Type.Enum(['viewing', 'typing'] as const);
export type PresenceState = Static<typeof PresenceState>;

export const PresenceBody = Type.Object({ state: PresenceState }, { additionalProperties: false });
export type PresenceBody = Static<typeof PresenceBody>;

export const PresenceViewer = Type.Object({ userId: Type.Integer(), name: Type.String(), state: PresenceState });
export type PresenceViewer = Static<typeof PresenceViewer>;

/** The ticket's agents now, the caller included (GET, and the `presence` frame of the live stream). */
export const TicketPresence = Type.Object({ ticketId: Type.Integer(), viewers: Type.Array(PresenceViewer) });
export type TicketPresence = Static<typeof TicketPresence>;

/** The frames of GET /api/v1/live, by `event:` name. */
export const LIVE_FRAME_EVENTS = ['ready', 'refetch', 'ticket', 'queues', 'notifications', 'presence', 'signed_out'] as const;
