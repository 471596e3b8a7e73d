import type { PresenceState, Viewer } from './types.ts';

/** How long a presence report holds without a renewal (ms); the web app renews every 10 s. */
export const PRESENCE_TTL_MS = 30_000;

interface Entry extends Viewer {
  until: number;
}

/**
 * Who is on which ticket, in this process's memory, fed by the feed's presence messages (so every
 * process converges on the same picture). A report holds PRESENCE_TTL_MS; a closed tab simply expires.
 */
export class PresenceStore {
  private readonly byTicket = new Map<number, Map<number, Entry>>();

  /** Records a report made at `at`; returns whether what others see changed. */
  apply(ticketId: number, userId: number, name: string, state: PresenceState | 'left', at: number): boolean {
    const viewers = this.byTicket.get(ticketId) ?? new Map<number, Entry>();
    const before = viewers.get(userId);
    if (state === 'left') {
      viewers.delete(userId);
      if (viewers.size === 0) this.byTicket.delete(ticketId);
      return before !== undefined;
    }
    viewers.set(userId, { userId, name, state, until: at + PRESENCE_TTL_MS });
    this.byTicket.set(ticketId, viewers);
    return before === undefined || before.state !== state || before.until <= at;
  }

  /** The ticket's viewers at `now`, in user-id order; expired reports are forgotten on the way. */
  viewersOf(ticketId: number, now: number): Viewer[] {
    const viewers = this.byTicket.get(ticketId);
    if (!viewers) return [];
    for (const [userId, entry] of viewers) if (entry.until <= now) viewers.delete(userId);
    if (viewers.size === 0) this.byTicket.delete(ticketId);
    return [...viewers.values()].sort((a, b) => a.userId - b.userId).map(({ userId, name, state }) => ({ userId, name, state }));
  }
}
