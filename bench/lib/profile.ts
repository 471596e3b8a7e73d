import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** The functions with the most self time in a V8 .cpuprofile (what `--cpu-prof` writes), as share of samples. */
export function topSelfTime(dir: string, top = 15): Array<{ fn: string; where: string; selfPct: number }> {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return [];
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const hits = new Map<number, number>();
  for (const s of profile.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
  const byFn = new Map<string, { fn: string; where: string; n: number }>();
  for (const node of profile.nodes) {
    const n = hits.get(node.id) ?? 0;
    if (n === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*\/(node_modules|apps|packages)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const entry = byFn.get(key) ?? byFn.set(key, { fn: functionName || '(anonymous)', where, n: 0 }).get(key)!;
    entry.n += n;
  }
  const total = profile.samples.length || 1;
  return [...byFn.values()]
    .sort((a, b) => b.n - a.n)
    .slice(0, top)
    .map((e) => ({ fn: e.fn, where: e.where, selfPct: Math.round((e.n / total) * 1000) / 10 }));
}

/** With `--profile` on the command line, a fresh directory for the server's `--cpu-prof`; otherwise undefined. */
export function requestedProfileDir(): string | undefined {
  return process.argv.includes('--profile') ? mkdtempSync(path.join(os.tmpdir(), 'pishkhan-prof-')) : undefined;
}
