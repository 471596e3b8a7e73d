import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';
import { ConfigSchema } from './schema.ts';

describe('configuration', () => {
  it('applies defaults: port 8080, SQLite under ./data, public URL from the port', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.database.dialect).toBe('sqlite');
    expect(c.publicUrl).toBe('http://localhost:8080');
    expect(c.secureCookies).toBe(false);
    expect(c.trustProxy).toBe(false);
  });

  it('derives Secure cookies from an https public URL', () => {
    const c = loadConfig({ PISHKHAN_PUBLIC_URL: 'https://desk.example.ir/', PORT: '9000' });
    expect(c.publicUrl).toBe('https://desk.example.ir');
    expect(c.secureCookies).toBe(true);
    expect(c.port).toBe(9000);
  });

  it('names each bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ PISHKHAN_TRUST_PROXY: 'perhaps' })).toThrow(/PISHKHAN_TRUST_PROXY/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ PISHKHAN_PUBLIC_URL: 'desk.example' })).toThrow(ConfigError);
  });

  it('PISHKHAN_ADMIN_EMAIL follows the one email rule the API uses', () => {
    for (const bad of ['html"<x>@example.test', 'a@b@c.test', 'admin@', 'admin@example.123']) {
      expect(() => loadConfig({ PISHKHAN_ADMIN_EMAIL: bad }), bad).toThrow(/PISHKHAN_ADMIN_EMAIL/);
    }
    for (const good of ['admin@example.ir', 'مدیر@نمونه.ایران', 'first.last+desk@sub.example.test']) {
      expect(loadConfig({ PISHKHAN_ADMIN_EMAIL: good }).adminEmail, good).toBe(good);
    }
  });

  it('refuses PostgreSQL without PISHKHAN_SECRET, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/pishkhan' })).toThrow(/PISHKHAN_SECRET/);
    const c = loadConfig({ DATABASE_URL: 'postgres://db/pishkhan', PISHKHAN_SECRET: 'x'.repeat(32) });
    expect(c.database).toEqual({ dialect: 'postgres', url: 'postgres://db/pishkhan' });
  });

  it('refuses PISHKHAN_SECRET_PREVIOUS without PISHKHAN_SECRET, and hides it', () => {
    expect(() => loadConfig({ PISHKHAN_SECRET_PREVIOUS: 'c'.repeat(32) })).toThrow(/PISHKHAN_SECRET_PREVIOUS is set without PISHKHAN_SECRET/);
    expect(() => loadConfig({ PISHKHAN_SECRET: 'a'.repeat(32), PISHKHAN_SECRET_PREVIOUS: 'too-short-old-one' })).toThrow(/PISHKHAN_SECRET_PREVIOUS.*\(value hidden\)/);
  });

  it('never echoes a secret value in its error', () => {
    try {
      loadConfig({ PISHKHAN_SECRET: 'short-secret-value' });
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).toMatch(/PISHKHAN_SECRET/);
      expect(String((error as Error).message)).not.toMatch(/short-secret-value/);
    }
  });
});

describe('every configuration key is read', () => {
  // Written by hand: each key the schema accepts, with a valid value other than its default. A key
  // that nothing maps into Config (a leftover, or a test-only variable) fails here.
  const changes: Record<string, string> = {
    PORT: '9090',
    HOST: '127.0.0.1',
    PISHKHAN_PUBLIC_URL: 'https://desk.example.ir',
    PISHKHAN_TRUST_PROXY: 'true',
    PISHKHAN_PUBLIC_RATE_LIMIT: '120',
    PISHKHAN_DATA_DIR: '/srv/pishkhan',
    DATABASE_URL: 'postgres://desk@db.example.ir/desk',
    PISHKHAN_SECRET: 'b'.repeat(32),
    PISHKHAN_SECRET_PREVIOUS: 'c'.repeat(32),
    PISHKHAN_ADMIN_EMAIL: 'admin@example.ir',
    PISHKHAN_ADMIN_PASSWORD: 'correct horse battery',
    LOG_LEVEL: 'debug',
    PISHKHAN_ACTOR_CACHE_MS: '0',
    PISHKHAN_LIVE_HEARTBEAT_MS: '5000',
    PISHKHAN_JOBS_BATCH: '4',
    PISHKHAN_SMTP_ENABLED: 'false',
    PISHKHAN_SMTP_PORT: '2626',
    PISHKHAN_SMTP_HOST: '127.0.0.2',
    PISHKHAN_SMTP_RELAY_FROM: '10.0.0.0/8',
  };
  const base = { PISHKHAN_SECRET: 'a'.repeat(32) };

  it('the schema accepts exactly these keys', () => {
    expect(Object.keys(ConfigSchema.properties).sort()).toEqual(Object.keys(changes).sort());
  });

  it('each key changes the Config the server reads', () => {
    const before = loadConfig(base);
    for (const key of Object.keys(ConfigSchema.properties)) {
      expect(loadConfig({ ...base, [key]: changes[key] }), key).not.toEqual(before);
    }
  });
});
