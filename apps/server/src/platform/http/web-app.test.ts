import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createHttpServer, type App } from './server.ts';
import { registerWebApp } from './web-app.ts';
import { STAMP_FILE, webBuildState, webSourceHash } from './web-build.ts';

const dist = mkdtempSync(path.join(os.tmpdir(), 'pishkhan-web-'));

async function serverWith(state: 'fresh' | 'stale' | 'missing'): Promise<App> {
  const app = await createHttpServer({ logger: pino({ level: 'silent' }), trustProxy: false, bodyLimit: 1024, uploadLimit: 1024, authenticate: async () => ({ kind: 'anonymous', locale: 'fa' }) });
  await registerWebApp(app, { distDir: dist, state: () => state });
  await app.ready();
  return app;
}

describe('web app serving', () => {
  let app: App;
  beforeAll(async () => {
    mkdirSync(path.join(dist, 'assets'), { recursive: true });
    mkdirSync(path.join(dist, 'portal'), { recursive: true });
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>agent</title>');
    writeFileSync(path.join(dist, 'portal/index.html'), '<!doctype html><title>portal</title>');
    writeFileSync(path.join(dist, 'assets/agent-abc123.js'), 'console.log(1)');
    app = await serverWith('fresh');
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves each entry with no-cache and a strict CSP, deep links included', async () => {
    for (const [url, title] of [['/', 'agent'], ['/tickets/12', 'agent'], ['/admin/jobs', 'agent'], ['/portal', 'portal'], ['/portal/requests/3', 'portal']] as const) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain(`<title>${title}</title>`);
      expect(response.headers['cache-control'], url).toBe('no-cache');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
    }
  });

  it('caches hashed assets as immutable and refuses anything else under /assets', async () => {
    const asset = await app.inject({ url: '/assets/agent-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.body).toBe('console.log(1)');
    for (const url of ['/assets/missing.js', '/assets/..%2Findex.html', '/assets/.build-stamp']) {
      const refused = await app.inject({ url });
      expect(refused.statusCode, url).toBe(404);
      expect(refused.json().code, url).toBe('request.not_found');
    }
  });

  it('keeps the API envelope (never the page) for unknown API paths and non-GET methods', async () => {
    for (const [method, url] of [['GET', '/api/v1/nope'], ['GET', '/api/nope'], ['GET', '/metrics'], ['POST', '/tickets/1']] as const) {
      const response = await app.inject({ method, url });
      // Signed out, an unknown API path is refused before routing (401), as before the web app.
      expect([401, 404], url).toContain(response.statusCode);
      expect(['auth.required', 'request.not_found'], url).toContain(response.json().code);
    }
  });

  it('never serves a stale or missing build: the page says how to build', async () => {
    for (const state of ['stale', 'missing'] as const) {
      const other = await serverWith(state);
      const page = await other.inject({ url: '/portal' });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('<title>portal</title>');
      expect(page.body).toContain('npm start');
      expect((await other.inject({ url: '/assets/agent-abc123.js' })).statusCode).toBe(404);
      await other.close();
    }
  });
});

describe('web build stamp', () => {
  it('is stale after any source change and fresh again once stamped', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pishkhan-src-'));
    try {
      mkdirSync(path.join(root, 'apps/web/src'), { recursive: true });
      mkdirSync(path.join(root, 'apps/web/dist/portal'), { recursive: true });
      writeFileSync(path.join(root, 'apps/web/src/a.tsx'), 'one');
      const out = path.join(root, 'apps/web/dist');
      expect(webBuildState(out, root)).toBe('missing');
      writeFileSync(path.join(out, 'index.html'), 'x');
      writeFileSync(path.join(out, 'portal/index.html'), 'x');
      writeFileSync(path.join(out, STAMP_FILE), webSourceHash(root));
      expect(webBuildState(out, root)).toBe('fresh');
      writeFileSync(path.join(root, 'apps/web/src/a.tsx'), 'two');
      expect(webBuildState(out, root)).toBe('stale');
      writeFileSync(path.join(root, 'apps/web/src/a.test.tsx'), 'tests are not inputs');
      writeFileSync(path.join(out, STAMP_FILE), webSourceHash(root));
      writeFileSync(path.join(root, 'apps/web/src/a.test.tsx'), 'changed test');
      expect(webBuildState(out, root)).toBe('fresh');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
