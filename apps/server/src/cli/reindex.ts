import type { AppContext } from '../context.ts';
import { systemActor } from '../platform/actor.ts';
import { findRebuild } from '../platform/search/index.ts';
import { startRebuild } from '../modules/search/index.ts';

/**
 * `pishkhan reindex`: starts a rebuild of the search index as a server job (search.rebuild, one
 * batch per job) and follows its progress until it is done. The running server's job runner does
 * the work while it keeps serving; `--here` runs the jobs in this process instead (no server
 * running); `--detach` only starts it.
 */
export async function reindexCommand(ctx: AppContext, flags: Record<string, string | true>, print: (line: string) => void = console.log): Promise<number> {
  const rebuild = await startRebuild(ctx, { actor: systemActor('cli') });
  print(`Reindex ${rebuild.id} started: ${rebuild.total} records`);
  if (flags.detach) return 0;
  if (flags.here) ctx.jobs.start();
  let last = -1;
  let quietSince = Date.now();
  for (;;) {
    const now = (await findRebuild(ctx.db, rebuild.id))!;
    // The last batch may count its records a moment before the rebuild is marked done: say both.
    if (now.done !== last || now.status === 'done') {
      print(`Reindex ${rebuild.id}: ${Math.min(now.done, now.total)} / ${now.total}${now.status === 'done' ? ' — done' : ''}`);
      last = now.done;
      quietSince = Date.now();
    }
    if (now.status === 'done') return 0;
    if (Date.now() - quietSince > 30_000) {
      print('No progress for 30 s: is the server running? (or run `pishkhan reindex --here`)');
      quietSince = Date.now();
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
