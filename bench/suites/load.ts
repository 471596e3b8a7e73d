import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../lib/server.ts';
import type { LoadFigures } from './types.ts';

export interface LoadSpec {
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  duration: number;
  connections?: number;
  /** GET one of these paths at random on every request. */
  paths?: string[];
  /** POST `body` to one of these paths at random on every request. */
  postPaths?: string[];
}

/**
 * One autocannon run against a loopback URL, in its own process (bench/lib/load-child.ts), so the
 * load generator does not share the measured process's event loop; returns the figures every HTTP
 * suite reports. `whileRunning` is called every second (e.g. to sample the server's RSS).
 */
export async function load(spec: LoadSpec, whileRunning?: () => void): Promise<LoadFigures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pishkhan-load-'));
  const file = path.join(dir, 'spec.json');
  writeFileSync(file, JSON.stringify({ connections: 16, ...spec }));
  const timer = whileRunning ? setInterval(whileRunning, 1000) : undefined;
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/load-child.ts', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`load generator failed (${code}): ${err}`);
    const figures = JSON.parse(out.trim().split('\n').at(-1)!) as LoadFigures & { seconds: number };
    return { requests: figures.requests, errors: figures.errors, non2xx: figures.non2xx, rps: figures.rps, p50Ms: figures.p50Ms, p99Ms: figures.p99Ms };
  } finally {
    if (timer) clearInterval(timer);
    rmSync(dir, { recursive: true, force: true });
  }
}
