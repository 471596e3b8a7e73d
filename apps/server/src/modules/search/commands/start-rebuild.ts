import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorize } from '../../../platform/policy/index.ts';
import { SEARCH_INDEX, searchIndexPolicy } from '../search.policy.ts';
import { findRebuild, insertRebuild, type Rebuild } from '../../../platform/search/index.ts';
import type { AppContext } from '../../../context.ts';
import { peopleCount } from '../../people/index.ts';
import { ticketCount } from '../../tickets/index.ts';

/**
 * Starts a rebuild of the whole search index (`pishkhan reindex`, or an admin through the API):
 * records its size and enqueues the first batch; the server's job runner does the rest while it
 * serves (search.jobs.ts). Admins and the system only (403).
 */
export const startRebuild = defineCommand('search.start_rebuild', async (ctx: Pick<AppContext, 'db' | 'clock' | 'jobs'>, input: { actor: Actor }): Promise<Rebuild> => {
  authorize(searchIndexPolicy, input.actor, 'rebuild', SEARCH_INDEX);
  const total = (await ticketCount(ctx.db)) + (await peopleCount(ctx.db, 'contact')) + (await peopleCount(ctx.db, 'organization'));
  const id = await insertRebuild(ctx.db, total, ctx.clock.now());
  await ctx.jobs.enqueue(ctx.db, 'search.rebuild', { rebuildId: id, kind: 'ticket', afterId: 0 }, { uniqueKey: `search.rebuild:${id}:ticket:0` });
  return (await findRebuild(ctx.db, id))!;
});
