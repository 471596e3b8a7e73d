/** One pending sync per directory: the key changes once a sync has run (its last_synced_at), so the schedule and "sync now" share it. */
export const syncJobKey = (dir: { id: number; last_synced_at: number | null }) => `sso.sync_directory:${dir.id}:after:${dir.last_synced_at ?? 0}`;
