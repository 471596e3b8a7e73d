import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import BetterSqlite3 from 'better-sqlite3';
import tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../platform/config/index.ts';
import { restoreCommand } from './restore.ts';

const main = path.resolve(import.meta.dirname, '../main.ts');
const root = mkdtempSync(path.join(os.tmpdir(), 'pishkhan-backup-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dir = (name: string) => path.join(root, name);
const archive = dir('desk.tar');

/** The real CLI on a SQLite data dir of its own (no PISHKHAN_SECRET: the secret file is the data dir's). */
function cli(dataDir: string, args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH ?? '', PISHKHAN_DATA_DIR: dir(dataDir), LOG_LEVEL: 'silent' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `restore` in this process (the same command main runs), for the many refusals: exit code and its stderr lines. */
async function restoreHere(dataDir: string, file: string): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const code = await restoreCommand({ config: loadConfig({ PISHKHAN_DATA_DIR: dir(dataDir) }), positionals: ['restore', file] }, () => {}, (l) => err.push(l));
  return { code, err };
}

/**
 * Rewrites an archive the way a forger would: one table's rows changed and the manifest's
 * checksums made to match, so only restore's own checks on the rows can refuse it.
 */
async function forged(source: string, target: string, table: string, rows: string): Promise<void> {
  const entries: Array<{ name: string; data: Buffer }> = [];
  const extract = tar.extract();
  const reading = pipeline(createReadStream(source), extract);
  for await (const entry of extract) {
    const parts: Buffer[] = [];
    for await (const chunk of entry) parts.push(chunk as Buffer);
    entries.push({ name: entry.header.name, data: Buffer.concat(parts) });
  }
  await reading;
  const manifest = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.data.toString('utf8'));
  const entry = manifest.tables.find((t: { name: string }) => t.name === table);
  const data = Buffer.from(rows, 'utf8');
  Object.assign(entry, { rows: rows.split('\n').filter(Boolean).length, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
  const pack = tar.pack();
  for (const e of entries) pack.entry({ name: e.name }, e.name === entry.file ? data : e.name === 'manifest.json' ? Buffer.from(JSON.stringify(manifest)) : e.data);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  writeFileSync(target, Buffer.concat(chunks));
}

describe('pishkhan backup / restore (CLI, SQLite)', () => {
  it('backs up with the secret and restores into an empty data dir, secret and all', () => {
    expect(cli('source', ['user', 'create', '--email', 'sara@desk.example', '--name', 'سارا', '--roles', 'analyst', '--groups', '1']).status).toBe(0);
    const backup = cli('source', ['backup', archive, '--include-secret']);
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/users: 2 rows/);
    expect(backup.stderr).toMatch(/holds PISHKHAN_SECRET/);
    const restore = cli('copy', ['restore', archive]);
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(readFileSync(path.join(dir('copy'), 'secret'), 'utf8')).toBe(readFileSync(path.join(dir('source'), 'secret'), 'utf8'));
    const copy = new BetterSqlite3(path.join(dir('copy'), 'pishkhan.sqlite'), { readonly: true });
    try {
      expect(copy.prepare('select email from users order by id').all()).toEqual([{ email: 'admin@localhost' }, { email: 'sara@desk.example' }]);
    } finally {
      copy.close();
    }
  });

  it('refuses a tampered archive with exit 2 on one line, before writing anything', () => {
    const bytes = readFileSync(archive);
    const tampered = Buffer.from(bytes);
    tampered[bytes.indexOf('sara@desk.example')] = 'S'.charCodeAt(0);
    writeFileSync(dir('tampered.tar'), tampered);
    const run = cli('target-tampered', ['restore', dir('tampered.tar')]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^backup\.corrupt: The backup archive is damaged or was tampered with \(tables\/\d+-users\.ndjson\): checksum mismatch \/ بایگانی پشتیبان آسیب دیده/);
    expect(existsSync(path.join(dir('target-tampered'), 'pishkhan.sqlite'))).toBe(false);
  });

  it('refuses a damaged archive, a non-empty target and a missing argument (exit 2, one line each)', async () => {
    const bytes = readFileSync(archive);
    const renamed = Buffer.from(bytes);
    renamed.write('"file": "tables/00-', bytes.lastIndexOf('"file": "tables/01-'));
    const cases: Array<[string, Buffer | null, RegExp]> = [
      ['truncated', bytes.subarray(0, Math.floor(bytes.length / 2)), /^backup\.(unreadable|no_manifest): /],
      ['not-a-tar', Buffer.from('this is no backup at all\n'.repeat(40)), /^backup\.(unreadable|no_manifest): /],
      // A manifest that names a table file the archive does not hold.
      ['manifest-altered', renamed, /^backup\.corrupt: .*\(tables\/00-.*missing/],
      ['missing-file', null, /^backup\.unreadable: .*ENOENT/],
    ];
    for (const [name, content, message] of cases) {
      const file = dir(`${name}.tar`);
      if (content) writeFileSync(file, content);
      const run = await restoreHere(`target-${name}`, file);
      expect(run, name).toEqual({ code: 2, err: [expect.stringMatching(message)] });
      expect(existsSync(path.join(dir(`target-${name}`), 'pishkhan.sqlite')), name).toBe(false);
    }
    expect(await restoreHere('copy', archive)).toEqual({ code: 2, err: [expect.stringMatching(/^backup\.target_not_empty: The restore target is not empty .* \/ مقصد بازیابی خالی نیست/)] });
    // Checksums made to match by hand: a row with a column the schema lacks is still refused, the
    // load rolls back, and the same target then takes the real archive.
    await forged(archive, dir('forged.tar'), 'users', '{"id":1,"email":"x@y.z","no_such_column":1}\n');
    expect(await restoreHere('target-forged', dir('forged.tar'))).toEqual({ code: 2, err: [expect.stringMatching(/^backup\.corrupt: .*\(users\): no column no_such_column/)] });
    expect(await restoreHere('target-forged', archive)).toEqual({ code: 0, err: [] });
    expect(await restoreHere('fresh', '')).toEqual({ code: 2, err: [expect.stringMatching(/^backup\.usage: Usage: pishkhan restore <file>/)] });
  });
});
