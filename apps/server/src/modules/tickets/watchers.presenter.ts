import type { Watcher } from '@pishkhan/contracts';
import type { WatcherRow } from './watchers.repository.ts';

export function presentWatcher(row: WatcherRow): Watcher {
  const isAgent = row.agent_id !== null;
  return {
    id: row.id,
    kind: isAgent ? 'agent' : 'contact',
    agentId: row.agent_id,
    contactId: row.contact_id,
    name: (isAgent ? row.agent_name : row.contact_name) ?? '',
    createdAt: new Date(row.created_at).toISOString(),
  };
}
