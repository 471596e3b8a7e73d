/** Live updates over Server-Sent Events (ADR 0025; README.md). */
export { createRealtime, type Realtime, type RealtimeDeps, type LiveSink } from './hub.ts';
export { registerLiveRoute, type LiveRouteOptions } from './live.routes.ts';
export { realtimeFeedFor } from './drivers/index.ts';
export { parseSse, sseFrame } from './sse.ts';
export { PRESENCE_TTL_MS } from './presence.ts';
export type { FeedMessage, LiveFrame, PresenceState, RealtimeFeed, TicketAudience, TicketReach, Viewer } from './types.ts';
