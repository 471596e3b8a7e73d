import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { SERVER_NODE_FLAGS } from './node-flags.ts';

// `pishkhan start` as a real process on a fresh database: migrates, creates the admin with a
// one-time password, serves, lets that admin sign in, and stops cleanly on SIGTERM; and holds none
// of the packages only a rarer path uses (ADR 0037), as a preload that notes every file loaded tells.
const main = path.resolve(import.meta.dirname, '../main.ts');
const notesLoads = path.resolve(import.meta.dirname, '../../test/fixtures/loaded-packages.ts');
/** Packages (or a package's file) that `start` and a sign-in must not load: each is read on its path's first use. */
const LOADED_ON_FIRST_USE = [
  'nodemailer/dist/cjs/nodemailer.js', // the first send (smtp-server shares nodemailer's small helpers)
  'nodemailer/dist/esm/nodemailer.js',
  '@zxcvbn-ts/language-common/', // the first new password
  'otplib/', // the first two-step enrolment or code
  'qrcode/',
  'ldapts/', // the first directory sign-in or sync
  'openid-client/', // the first OpenID Connect sign-in
  'html-to-text/', // the first HTML mail
  'libmime/', // the first mail
  'encoding-japanese/',
  'file-type/', // the first upload
  'tar-stream/', // backup and restore, not start
];
let db: TestDatabase;
let child: ChildProcess;
let url: string;
let output = '';

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  await db.database.close();
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', PORT: '0', PISHKHAN_SMTP_PORT: '0', HOST: '127.0.0.1', PISHKHAN_DATA_DIR: db.dataDir, LOG_LEVEL: 'info', PISHKHAN_LOADED_PACKAGES_FILE: loadedFile() };
  if (db.config.dialect === 'postgres') Object.assign(env, { DATABASE_URL: db.config.url, PISHKHAN_SECRET: 's'.repeat(40) });
  child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', notesLoads, main, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start did not become ready:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening && output.includes('Pishkhan is ready')) {
        clearTimeout(timer);
        resolve(listening[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${output}`)));
  });
}, 60_000);

const loadedFile = () => path.join(db.dataDir, 'loaded-packages.txt');

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await db.drop();
});

describe('pishkhan start', () => {
  it('runs on the dialect under test', () => expect(db.database.dialect.name).toBe(db.dialect));

  it('serves a fresh installation ready for the first sign-in, and stops on SIGTERM', async () => {
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ status: 'ok', database: 'ok' });
    const file = path.join(db.dataDir, 'initial-admin-password');
    const [email, password] = readFileSync(file, 'utf8').trim().split('\n') as [string, string];
    expect(output).toContain(file);
    expect(output).not.toContain(password);
    const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { me: { mustChangePassword: boolean } }).me.mustChangePassword).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const loaded = readFileSync(loadedFile(), 'utf8').split('\n');
    expect(loaded).toContain('fastify/fastify.js');
    expect(LOADED_ON_FIRST_USE.filter((p) => loaded.some((file) => file.startsWith(p)))).toEqual([]);
  });
});
