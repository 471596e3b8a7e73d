/**
 * Lets the event loop take its other work (HTTP requests, timers, sockets) before going on.
 * better-sqlite3 answers synchronously, so a loop of database work through Kysely's promises runs
 * entirely in microtasks and never yields: with a backlog of due jobs or undispatched events the
 * server would stop answering. Background loops await this between rounds.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
