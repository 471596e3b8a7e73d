import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The web app's build and whether it matches its sources. `npm start` builds when the build is
 * missing or stale (a hash of every input of the build against the stamp the build wrote), so a
 * stale build is never served after a source change. Plain TypeScript (erasable syntax only).
 */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../../../../..');
export const WEB_DIR = path.join(REPO_ROOT, 'apps/web');
export const WEB_DIST = path.join(WEB_DIR, 'dist');
export const STAMP_FILE = '.build-stamp';

/** Everything the bundle is made of: the app, the packages it imports, the lockfile. */
const INPUTS = [
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/portal/index.html',
  'apps/web/vite.config.ts',
  'apps/web/postcss.config.js',
  'apps/web/package.json',
  'packages/contracts/src',
  'packages/calendar/src',
  'package-lock.json',
];

function filesOf(full: string): string[] {
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full)
    .sort()
    .flatMap((name) => (/\.test\.tsx?$/.test(name) ? [] : filesOf(path.join(full, name))));
}

export function webSourceHash(root = REPO_ROOT): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of filesOf(path.join(root, input))) {
      hash.update(path.relative(root, file).split(path.sep).join('/'));
      hash.update('\0');
      hash.update(readFileSync(file));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

export type WebBuildState = 'fresh' | 'stale' | 'missing';

export function webBuildState(distDir = WEB_DIST, root = REPO_ROOT): WebBuildState {
  const stampPath = path.join(distDir, STAMP_FILE);
  if (!existsSync(path.join(distDir, 'index.html')) || !existsSync(path.join(distDir, 'portal/index.html')) || !existsSync(stampPath)) return 'missing';
  return readFileSync(stampPath, 'utf8').trim() === webSourceHash(root) ? 'fresh' : 'stale';
}

/** Runs Vite's production build and writes the stamp of the sources it was built from. */
export function buildWeb(root = REPO_ROOT): void {
  const hash = webSourceHash(root);
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  // Each entry is its own build (apps/web/vite.config.ts): the agent first (it empties dist), then the portal.
  for (const entry of ['agent', 'portal']) {
    const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(root, 'apps/web/vite.config.ts'), '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
      // Always a production bundle, whatever the caller's NODE_ENV (Vitest sets 'test', which would ship React's development build).
      env: { ...process.env, NODE_ENV: 'production', PISHKHAN_WEB_ENTRY: entry },
    });
    if (result.status !== 0) throw new Error(`the web app's ${entry} build failed (exit ${result.status ?? result.signal})`);
  }
  writeFileSync(path.join(root, 'apps/web/dist', STAMP_FILE), `${hash}\n`);
}

/**
 * Builds unless the build is fresh; returns what it found. Two servers starting at once (tests,
 * several processes) build one at a time: the second waits on the lock, then finds it fresh.
 */
export function ensureWebBuild(log: (message: string) => void = () => undefined): WebBuildState {
  const lock = path.join(WEB_DIR, '.build-lock');
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than the longest build is a crashed builder's: take it over.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 5 * 60_000 || Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    const state = webBuildState();
    if (state !== 'fresh') {
      log(state === 'missing' ? 'Building the web app (no build yet)…' : 'Rebuilding the web app (its sources changed)…');
      buildWeb();
    }
    return state;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
