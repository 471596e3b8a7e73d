import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from './node-flags.ts';

const main = path.resolve(import.meta.dirname, '../main.ts');

function cli(args: string[], env: Record<string, string>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pishkhan-cli-'));
  try {
    return spawnSync(process.execPath, [...SERVER_NODE_FLAGS, main, ...args], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', PISHKHAN_DATA_DIR: dir, LOG_LEVEL: 'silent', ...env },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('pishkhan CLI', () => {
  it('refuses PostgreSQL without PISHKHAN_SECRET, naming the variable', () => {
    const run = cli(['start'], { DATABASE_URL: 'postgres://127.0.0.1:1/none' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PISHKHAN_SECRET');
  });

  it('names a bad setting', () => {
    const run = cli(['migrate'], { PORT: 'not-a-port' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/PORT/);
  });

  it('migrates and creates users on SQLite', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pishkhan-cli-'));
    try {
      const env = { PATH: process.env.PATH ?? '', PISHKHAN_DATA_DIR: dir, LOG_LEVEL: 'silent' };
      const run = (args: string[]) => spawnSync(process.execPath, [...SERVER_NODE_FLAGS, main, ...args], { encoding: 'utf8', timeout: 60_000, env });
      expect(run(['migrate']).status).toBe(0);
      const agent = run(['user', 'create', '--email', 'sara@desk.example', '--name', 'سارا', '--roles', 'analyst,supervisor', '--groups', '1']);
      expect(agent.stderr).toBe('');
      expect(agent.stdout).toMatch(/One-time password/);
      const contact = run(['user', 'create', '--email', 'ali@customer.example', '--name', 'علی', '--contact', '--password', 'a-long-password-1']);
      expect(contact.stdout).toMatch(/Created ali@customer.example/);
      const short = run(['user', 'create', '--email', 'short@desk.example', '--roles', 'analyst', '--password', 'abc']);
      expect(short.status).toBe(2);
      expect(short.stderr).toMatch(/Invalid input: \/password/);
      const noGroup = run(['user', 'create', '--email', 'g@desk.example', '--roles', 'analyst', '--groups', '999']);
      expect(noGroup.status).toBe(2);
      expect(noGroup.stderr).toMatch(/record.invalid_reference: "groupIds" does not refer to a valid record/);
      const twice = run(['user', 'create', '--email', 'ali@customer.example', '--name', 'علی', '--roles', 'analyst']);
      expect(twice.stdout).toMatch(/already signs in; it is now an agent too/);
      const bad = run(['user', 'create', '--email', 'x@y.z', '--roles', 'wizard']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/Unknown role/);
      const seed = run(['seed']);
      expect(seed.status).toBe(2);
      expect(seed.stderr).toMatch(/seed needs a mode/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('refuses bad input with one line of reason and exit 2, never a stack trace or a raw database error', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pishkhan-cli-'));
    try {
      const env = { PATH: process.env.PATH ?? '', PISHKHAN_DATA_DIR: dir, LOG_LEVEL: 'silent' };
      const run = (args: string[]) => spawnSync(process.execPath, [...SERVER_NODE_FLAGS, main, ...args], { encoding: 'utf8', timeout: 60_000, env });
      expect(run(['user', 'create', '--email', 'ali@customer.example', '--name', 'علی', '--contact', '--password', 'a-long-password-1']).status).toBe(0);
      const refusals = {
        existingSignIn: run(['user', 'create', '--email', 'ALI@customer.example', '--name', 'علی', '--contact']),
        unknownOrganisation: run(['user', 'create', '--email', 'new@customer.example', '--name', 'نو', '--contact', '--organization', '4242']),
        badTickets: run(['seed', '--bench', '--tickets', 'many']),
      };
      for (const [what, r] of Object.entries(refusals)) {
        expect(r.status, what).toBe(2);
        expect(r.stderr.trim().split('\n'), what).toHaveLength(1);
        expect(r.stderr, what).not.toMatch(/SqliteError|\n\s+at /);
      }
      expect(refusals.existingSignIn.stderr).toMatch(/already signs in/);
      expect(refusals.unknownOrganisation.stderr).toMatch(/No organisation 4242/);
      expect(refusals.badTickets.stderr).toMatch(/--tickets needs a positive whole number/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pishkhan --help', () => {
  it('every command has --help (exit 0), before any configuration is read; an unknown command is exit 2', () => {
    // A bad setting would stop any command that reads the configuration: help must not need it.
    const env = { PORT: 'not-a-port' };
    for (const command of [['start'], ['migrate'], ['user', 'create'], ['user'], ['seed'], ['reindex']]) {
      const run = cli([...command, '--help'], env);
      expect(run.status, command.join(' ')).toBe(0);
      expect(run.stdout, command.join(' ')).toContain(`pishkhan ${command[0]}`);
    }
    const all = cli(['--help'], env);
    expect(all.status).toBe(0);
    expect(all.stdout).toMatch(/user create --email/);
    expect(all.stdout).toMatch(/reindex/);
    const unknown = cli(['frobnicate'], env);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown command: frobnicate/);
    expect(cli([], env).status).toBe(2);
    expect(cli(['user', 'delete'], env).status).toBe(2);
  });
});

describe('the generated secret', () => {
  it('is created once (0600) and a truncated secret file stops start with a clear message', async () => {
    const { resolveSecret } = await import('../bootstrap.ts');
    const { loadConfig } = await import('../platform/config/index.ts');
    const { readFileSync, statSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pishkhan-secret-'));
    try {
      const config = loadConfig({ PISHKHAN_DATA_DIR: dir });
      const first = await resolveSecret(config);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(statSync(path.join(dir, 'secret')).mode & 0o777).toBe(0o600);
      expect(await resolveSecret(config)).toBe(first);
      expect(readFileSync(path.join(dir, 'secret'), 'utf8').trim()).toBe(first);
      writeFileSync(path.join(dir, 'secret'), '');
      await expect(resolveSecret(config)).rejects.toThrow(/no usable secret/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
