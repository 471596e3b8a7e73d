import { transaction } from '../../../platform/db/index.ts';
import type { Db } from '../../../schema.ts';
import { deleteWatcher } from '../watchers.repository.ts';

/** Removes a watcher (the caller has authorised 'watch' on its ticket); an agent loses the visibility watching gave. */
export async function removeWatcher(deps: { db: Db }, input: { watcherId: number }): Promise<void> {
  await transaction(deps.db, (trx) => deleteWatcher(trx, input.watcherId));
}
