import { readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './server.ts';
import { CommonErrors, DomainError } from './errors.ts';
import { WEB_DIST, webBuildState, type WebBuildState } from './web-build.ts';

/**
 * Serves the built web app on the API's port: hashed files under /assets/ cached for a year as
 * immutable; the two entries' index.html (the workspace for every other path, the portal under
 * /portal) never cached, so a new build is picked up at once. The security headers (a strict
 * Content-Security-Policy: scripts only from this origin) come from the server's helmet.
 * A missing or stale build is never served: the page says how to build instead.
 */
export async function registerWebApp(app: App, options: { distDir?: string; state?: () => WebBuildState } = {}): Promise<void> {
  const distDir = options.distDir ?? WEB_DIST;
  let state: WebBuildState | undefined;
  const currentState = () => (state ??= (options.state ?? (() => webBuildState(distDir)))());
  await app.register(fastifyStatic, { root: path.join(distDir, 'assets'), serve: false, decorateReply: true, index: false });

  app.get('/assets/:name', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const name = (request.params as { name: string }).name;
    // Vite's hashed names only: no paths, no dot files.
    if (!/^[\w.-]+$/.test(name) || name.startsWith('.') || currentState() !== 'fresh') throw new DomainError(CommonErrors['request.not_found']);
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    return reply.sendFile(name, { maxAge: 0, cacheControl: false });
  });

  const page = (entry: 'agent' | 'portal') => async (request: FastifyRequest, reply: FastifyReply) => {
    if (/^\/(api|metrics)(\/|$)/.test(request.url)) throw new DomainError(CommonErrors['request.not_found']);
    reply.header('cache-control', 'no-cache');
    reply.type('text/html; charset=utf-8');
    const built = currentState();
    if (built !== 'fresh') return notBuiltPage(built);
    return readFileSync(path.join(distDir, entry === 'portal' ? 'portal/index.html' : 'index.html'), 'utf8');
  };
  const htmlRoute = { config: { auth: 'public' as const }, schema: { hide: true } };
  app.get('/', htmlRoute, page('agent'));
  app.get('/portal', htmlRoute, page('portal'));
  // Deep links (/tickets/12, /admin/jobs, /portal/requests/3 …) load their entry's page; the app routes them.
  const agentPage = page('agent');
  const portalPage = page('portal');
  app.pageFallback = (request, reply) => (/^\/portal(\/|$|\?)/.test(request.url) ? portalPage(request, reply) : agentPage(request, reply));
}

function notBuiltPage(state: WebBuildState): string {
  const why = state === 'missing' ? 'The web app has not been built.' : 'The web app’s build is older than its sources.';
  return `<!doctype html><html lang="en" dir="ltr"><head><meta charset="utf-8"><title>Pishkhan</title></head><body><h1>Pishkhan</h1><p>${why} Run <code>npm start</code> (it builds first) or <code>npm run build:web</code>.</p><p lang="fa" dir="rtl">رابط وب ساخته نشده یا کهنه است: <code>npm start</code> را اجرا کنید.</p></body></html>`;
}
