import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { load } from '../suites/load.ts';
import type { LoadFigures } from '../suites/types.ts';
import { freePort, ROOT } from './server.ts';

export const TICKET_BODY = JSON.stringify({
  title: 'چاپگر طبقه دوم کار نمی‌کند',
  description: 'از صبح هیچ برگه‌ای چاپ نمی‌شود؛ پیام خطای کاغذ گیر کرده نشان می‌دهد.',
  type: 'incident',
  impact: 2,
  urgency: 2,
});

/**
 * The CPU ceiling: a bare Fastify app with one TypeBox-validated POST (bench/lib/bare-child.ts),
 * in its own process like the server, loaded the same way.
 */
export async function bareFastifyCeiling(durationS: number, connections: number): Promise<LoadFigures> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/bare-child.ts', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout!.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`bare Fastify exited (${code})`)));
    });
    return await load({ url: `http://127.0.0.1:${port}/items`, method: 'POST', body: TICKET_BODY, headers: { 'content-type': 'application/json' }, duration: durationS, connections });
  } finally {
    child.kill('SIGKILL');
  }
}

/**
 * The storage ceiling: single-row commits per second with the server's settings (WAL,
 * synchronous=FULL), one connection, for `seconds`, in a file beside the server's database (same disk).
 */
export function sqliteCommitCeiling(dir: string, seconds: number): { commitsPerS: number } {
  const file = path.join(dir, `ceiling-${process.pid}.sqlite`);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table if not exists t (id integer primary key, v text not null)');
    const insert = db.prepare('insert into t (v) values (?)');
    const end = Date.now() + seconds * 1000;
    let n = 0;
    while (Date.now() < end) {
      insert.run('پیشخوان');
      n++;
    }
    return { commitsPerS: Math.round(n / seconds) };
  } finally {
    db.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }
}
