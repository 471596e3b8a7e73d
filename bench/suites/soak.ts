import { TICKET_BODY } from '../lib/ceilings.ts';
import { cli, signInHeaders, startServer, type RunningServer } from '../lib/server.ts';
import { freshTarget } from '../lib/targets.ts';
import { load } from './load.ts';
import type { BenchSuite, LoadFigures } from './types.ts';

const EMAIL = 'bench-soak@example.test';
const PASSWORD = 'bench-password-1403';
const REPLY_BODY = JSON.stringify({ body: 'پیگیری: لطفاً پس از راه‌اندازی دوباره، نتیجه را اعلام کنید.' });
const SEGMENT_S = 20;

/**
 * Memory over a long run (issue 8: "RSS under load flat over a 5-minute run"): a real `pishkhan
 * start` on SQLite under a repeating mix of creates, reads, replies and list pages (one autocannon
 * process per segment), the server's RSS sampled every second. Reports RSS at idle, the mean of each
 * minute and the growth over the second half of the run (the first half is warm-up: caches and the
 * heap fill). A leak shows as growth that does not level off.
 */
export const soakSuite: BenchSuite = {
  name: 'soak',
  description: 'RSS of a real pishkhan start (SQLite) under 5 minutes of mixed create/read/reply/list load, sampled every second',
  async run(opts) {
    const totalS = opts.smoke ? 4 : Number(process.env.BENCH_SOAK_S ?? 300);
    const segmentS = opts.smoke ? 1 : SEGMENT_S;
    const { target, drop } = await freshTarget('sqlite');
    let server: RunningServer | undefined;
    try {
      cli(target, ['user', 'create', '--email', EMAIL, '--name', 'Bench soak analyst', '--roles', 'analyst', '--groups', '1', '--password', PASSWORD]);
      server = await startServer(target);
      const running = server;
      await new Promise((r) => setTimeout(r, opts.smoke ? 200 : 5000));
      const idleMb = running.rssMb();
      const headers = await signInHeaders(running.url, EMAIL, PASSWORD);
      const samples: Array<{ s: number; mb: number }> = [];
      const t0 = performance.now();
      const sample = () => samples.push({ s: (performance.now() - t0) / 1000, mb: running.rssMb() });
      let created = 0;
      const runs: Record<string, LoadFigures[]> = { create: [], read: [], reply: [], list: [] };
      const url = running.url;
      const ids = () => Array.from({ length: Math.max(1, Math.min(created, 5000)) }, (_, i) => i + 1);
      const mix: Array<[keyof typeof runs, () => Promise<LoadFigures>]> = [
        ['create', () => load({ url: `${url}/api/v1/tickets`, method: 'POST', body: TICKET_BODY, headers, duration: segmentS }, sample)],
        ['read', () => load({ url, headers, duration: segmentS, paths: ids().map((id) => `/api/v1/tickets/${id}`) }, sample)],
        ['reply', () => load({ url, headers, body: REPLY_BODY, duration: segmentS, postPaths: ids().map((id) => `/api/v1/tickets/${id}/replies`) }, sample)],
        ['list', () => load({ url: `${url}/api/v1/tickets?limit=25`, headers, duration: segmentS }, sample)],
      ];
      for (let i = 0; (performance.now() - t0) / 1000 < totalS; i++) {
        const [kind, run] = mix[i % mix.length]!;
        const figures = await run();
        if (kind === 'create') created += figures.requests - figures.non2xx;
        runs[kind]!.push(figures);
      }
      const minutes = perMinute(samples);
      // The first half holds the warm-up (caches, the young generation, the first old-space growth).
      const middle = minutes[Math.floor(minutes.length / 2)] ?? idleMb;
      const last = minutes.at(-1) ?? idleMb;
      opts.log(`soak: idle ${idleMb} MB; per minute ${minutes.join(', ')} MB`);
      return {
        seconds: Math.round((performance.now() - t0) / 1000),
        rssMb: {
          idle: idleMb,
          perMinuteMean: minutes,
          max: Math.max(...samples.map((x) => x.mb)),
          growthOverSecondHalf: Math.round((last - middle) * 10) / 10,
          samples: samples.length,
        },
        requests: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.reduce((a, f) => a + f.requests, 0)])),
        non2xx: Object.values(runs).flat().reduce((a, f) => a + f.non2xx, 0),
      };
    } finally {
      await server?.stop();
      await drop();
    }
  },
};

function perMinute(samples: Array<{ s: number; mb: number }>): number[] {
  const buckets: number[][] = [];
  for (const { s, mb } of samples) (buckets[Math.floor(s / 60)] ??= []).push(mb);
  return buckets.filter(Boolean).map((b) => Math.round((b.reduce((a, x) => a + x, 0) / b.length) * 10) / 10);
}
