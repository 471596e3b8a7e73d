import type { FeedMessage, RealtimeFeed } from '../types.ts';

/**
 * SQLite's feed: one server process holds the database (ADR 0008), so every change is made here and
 * a message only needs to reach this process's own subscribers — asynchronously, like NOTIFY.
 */
export function inProcessFeed(): RealtimeFeed {
  let handler: ((message: FeedMessage) => void) | null = null;
  return {
    send(message) {
      queueMicrotask(() => handler?.(message));
    },
    async listen(onMessage) {
      handler = onMessage;
    },
    async close() {
      handler = null;
    },
  };
}
