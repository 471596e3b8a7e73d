import { rmSync } from 'node:fs';
import { BENCH_ANALYST as ANALYST, BENCH_PASSWORD as PASSWORD, benchTarget, withBenchDb } from '../lib/bench-data.ts';
import { requestedProfileDir, topSelfTime } from '../lib/profile.ts';
import { signInHeaders, startServer, type RunningServer, type Target } from '../lib/server.ts';
import { load } from './load.ts';
import type { BenchSuite, LoadFigures } from './types.ts';

const DEEP_ROWS = 100_000;

/** The organisation with the most tickets (the filtered list's X), read straight from the database. */
function busiestOrganization(target: Target): Promise<number> {
  const q = 'select organization_id as id, count(*) as n from tickets where organization_id is not null group by organization_id order by n desc limit 1';
  return withBenchDb(target, async (query) => Number((await query(q))[0]!.id));
}

async function json<T>(url: string, headers: Record<string, string>): Promise<T> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Queue views at scale, read as the analyst in three groups: every registered view's first page
 * and the page after 100,000 rows (by cursor, or the last page of a shorter view), the sidebar
 * counts (`GET /api/v1/queues`), and the filtered list organisation = X ∧ priority ≤ 2 ∧ open ∧
 * tag = vpn by updated desc. Latency is one agent's (1 connection), so p99 is the request's own time.
 */
export const queuesSuite: BenchSuite = {
  name: 'queues',
  description: 'queue views (first and deep page), sidebar counts and a filtered list at bench scale, through a real pishkhan start',
  async run(opts) {
    const durationS = opts.smoke ? 1 : 5;
    const { target, cleanup } = benchTarget(opts, 'queues');
    const profDir = requestedProfileDir();
    let server: RunningServer | undefined;
    try {
      server = await startServer(target, profDir ? { cpuProfDir: profDir } : {});
      await new Promise((r) => setTimeout(r, opts.smoke ? 200 : 2000));
      const rssIdleMb = server.rssMb();
      const rss: number[] = [];
      const sample = () => rss.push(server!.rssMb());
      const headers = await signInHeaders(server.url, ANALYST, PASSWORD);
      const base = `${server.url}/api/v1`;
      const { items: views } = await json<{ items: Array<{ name: string; count: number }> }>(`${base}/queues`, headers);
      const one = (url: string) => load({ url, headers, duration: durationS, connections: 1 }, sample);
      const perView: Record<string, { count: number; first: LoadFigures; deep: LoadFigures & { afterRows: number } }> = {};
      for (const view of views) {
        opts.log(`${view.name} (${view.count} tickets)`);
        const first = await one(`${base}/queues/${view.name}/tickets?limit=25`);
        // Walk the cursor to the page after 100,000 rows (or the view's last page).
        let cursor: string | null = null;
        let rows = 0;
        const target = opts.smoke ? 100 : DEEP_ROWS;
        while (rows < target) {
          const page: { items: unknown[]; nextCursor: string | null } = await json(`${base}/queues/${view.name}/tickets?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, headers);
          if (!page.nextCursor) break;
          rows += page.items.length;
          cursor = page.nextCursor;
        }
        const deep = await one(`${base}/queues/${view.name}/tickets?limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        perView[view.name] = { count: view.count, first, deep: { ...deep, afterRows: rows } };
      }
      const counts = await one(`${base}/queues`);
      const org = await busiestOrganization(target);
      const filtered = await one(`${base}/tickets?organizationId=${org}&priority=1,2&status=new,open,pending_customer,pending_third_party&tag=vpn&sort=-updated_at&limit=25`);
      const worst = (k: 'first' | 'deep') => Math.max(...Object.values(perView).map((v) => v[k].p99Ms));
      const result: Record<string, unknown> = {
        dialect: target.dialect,
        views: perView,
        worstFirstPageP99Ms: worst('first'),
        worstDeepPageP99Ms: worst('deep'),
        counts,
        filtered: { ...filtered, organizationId: org },
        rssIdleMb,
        rssLoad: { minMb: Math.min(...rss), maxMb: Math.max(...rss) },
      };
      await server.stop();
      server = undefined;
      if (profDir) result.profileTop = topSelfTime(profDir);
      return result;
    } finally {
      await server?.stop();
      if (profDir) rmSync(profDir, { recursive: true, force: true });
      cleanup();
    }
  },
};
