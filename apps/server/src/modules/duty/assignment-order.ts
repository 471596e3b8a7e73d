import type { AssignmentMode } from '@pishkhan/contracts';

/** A member on duty, with the open tickets they hold now. */
export interface Candidate {
  agentId: number;
  openTickets: number;
}

/**
 * The order in which auto-assignment tries a group's members on duty (pure). Round-robin: by agent
 * id, starting after the one who got the last ticket (wrapping). Least-loaded: fewest open tickets
 * first, ties in round-robin order, so equal loads still take turns. The caller skips those at the cap.
 */
export function assignmentOrder(mode: Exclude<AssignmentMode, 'off'>, candidates: readonly Candidate[], lastAgentId: number | null): number[] {
  const byId = [...candidates].sort((a, b) => a.agentId - b.agentId);
  const start = lastAgentId === null ? 0 : byId.findIndex((c) => c.agentId > lastAgentId);
  const turn = start <= 0 ? byId : [...byId.slice(start), ...byId.slice(0, start)];
  if (mode === 'round_robin') return turn.map((c) => c.agentId);
  const position = new Map(turn.map((c, i) => [c.agentId, i]));
  return [...turn].sort((a, b) => a.openTickets - b.openTickets || position.get(a.agentId)! - position.get(b.agentId)!).map((c) => c.agentId);
}
