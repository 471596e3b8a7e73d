import type { Actor } from '../../platform/actor.ts';

/** What one session lookup found: the session's times and the actor built from it (null: no actor). */
export interface CachedSession {
  session: { id: number; created_at: number; expires_at: number; last_seen_at: number } | null;
  actor: Extract<Actor, { kind: 'user' }> | null;
}

/**
 * The actors of recently seen sessions, per process, for at most `ttlMs` (ADR 0015): a request
 * within that time of the last lookup of its session reuses the actor instead of three queries.
 * Entries expire by the process's monotonic clock (never by the injected business clock), so no
 * change of a session, a sign-in, an agent or a contact — made by any process — takes longer than
 * `ttlMs` to be seen here; this process's own sign-out drops its entry at once. Bounded: the
 * oldest entries go first. `ttlMs` 0 disables it.
 */
export class ActorCache {
  private readonly entries = new Map<string, { at: number; value: CachedSession }>();

  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly monotonic: () => number;

  constructor(ttlMs: number, maxEntries = 10_000, monotonic: () => number = () => performance.now()) {
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
    this.monotonic = monotonic;
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get(tokenHash: string): CachedSession | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (this.monotonic() - entry.at >= this.ttlMs) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.value;
  }

  set(tokenHash: string, value: CachedSession): void {
    if (!this.enabled) return;
    this.entries.delete(tokenHash);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHash, { at: this.monotonic(), value });
  }

  delete(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }
}
