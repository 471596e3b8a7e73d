import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '../../apps/server/src/cli/node-flags.ts';

/** The repository root (bench/lib/..). */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const MAIN = 'apps/server/src/main.ts';
export const BENCH_SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';

/** Where the server keeps its data: a data dir (SQLite) or a PostgreSQL URL. */
export interface Target {
  dialect: 'sqlite' | 'postgres';
  dataDir: string;
  databaseUrl?: string;
}

export function serverEnv(target: Target, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PISHKHAN_DATA_DIR: target.dataDir, PISHKHAN_SECRET: BENCH_SECRET, LOG_LEVEL: 'info', ...extra };
  delete env.DATABASE_URL;
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  return env;
}

/** Runs the real CLI once (`pishkhan user create …`, `pishkhan seed …`), throwing with its output on failure. */
export function cli(target: Target, args: string[]): string {
  const run = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, MAIN, ...args], { cwd: ROOT, env: serverEnv(target, { LOG_LEVEL: 'warn' }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`pishkhan ${args.join(' ')} failed (${run.status}):\n${run.stderr}\n${run.stdout}`);
  return `${run.stdout}${run.stderr}`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface RunningServer {
  url: string;
  pid: number;
  /** The built-in SMTP receiver's port (a free one). */
  smtpPort: number;
  /** The server process's resident set size now, in MB (from /proc). */
  rssMb(): number;
  /** CPU time the server process has used so far (user + system), in ms (from /proc). */
  cpuMs(): number;
  /** SIGINT (graceful: the dispatcher and jobs stop, a --cpu-prof profile is written), then waits for exit. */
  stop(): Promise<void>;
}

/**
 * `pishkhan start` as a child process, the way it runs in production: jobs and the outbox
 * dispatcher on, JSON logs at info (to a file, not this terminal). `cpuProfDir` adds `--cpu-prof`.
 */
export async function startServer(target: Target, opts: { cpuProfDir?: string; logFile?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const smtpPort = await freePort();
  const nodeArgs = [...SERVER_NODE_FLAGS, ...(opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : []), MAIN, 'start'];
  const child: ChildProcess = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    // The SMTP receiver on a free port too: 2525 may belong to another server on this machine.
    env: serverEnv(target, { PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', PISHKHAN_SMTP_PORT: String(smtpPort) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pishkhan start exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`pishkhan start did not become healthy:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    smtpPort,
    rssMb: () => rssMbOf(child.pid!),
    cpuMs: () => cpuMsOf(child.pid!),
    stop: async () => {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

let clockTicks: number | undefined;

/** utime + stime of a process (fields 14 and 15 of /proc/<pid>/stat, after the command name), in ms. */
export function cpuMsOf(pid: number): number {
  clockTicks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

export function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

/** Signs in over HTTP; returns the headers every later request sends. */
export async function signInHeaders(url: string, email: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json', 'accept-language': 'en' };
}
