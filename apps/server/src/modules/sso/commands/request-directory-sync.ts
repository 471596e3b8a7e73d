import { actorUserId, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { notFound } from '../../../platform/http/errors.ts';
import type { AppContext } from '../../../context.ts';
import { findDirectoryRow } from '../directories.repository.ts';
import { SsoEntities } from '../sso.errors.ts';
import { syncJobKey } from '../sync-key.ts';
import { assertSsoAdmin } from '../sso.policy.ts';

/** An admin's "sync now": enqueues the directory's sync job acting as that admin (the report and audit name them); while one is pending, asking again adds none. */
export const requestDirectorySync = defineCommand('sso.directory_sync_request', async (ctx: Pick<AppContext, 'db' | 'clock' | 'jobs'>, input: { actor: Actor; id: number }): Promise<void> => {
  assertSsoAdmin(input.actor, 'sync');
  const dir = await findDirectoryRow(ctx.db, input.id);
  if (!dir) throw notFound(SsoEntities.sso_directory);
  const userId = actorUserId(input.actor);
  await ctx.jobs.enqueue(ctx.db, 'sso.sync_directory', { directoryId: dir.id }, { uniqueKey: syncJobKey(dir), ...(userId ? { actingUserId: userId } : {}) });
});
