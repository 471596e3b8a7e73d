import { afterEach, beforeEach, vi } from 'vitest';
import { cleanup } from '@testing-library/react';

export type Answer = { status: number; body?: unknown };
/** What the API answers to one call; a promise lets a test hold the answer back. */
export type Route = (body: unknown, headers: Record<string, string>) => Answer | Promise<Answer>;
export interface Call {
  key: string;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * A scripted server at the network boundary (fetch), so the components under test are the real
 * ones. Each test says what the API answers in `routes`, keyed `METHOD /path` without `/api/v1`
 * (a key ending in `*` matches by prefix; anything else is a 404), and reads what was sent in
 * `calls`. Call it once at the top of a test file: it registers the hooks that reset both (in
 * place, so the destructured names stay valid) and unmount what a test rendered.
 */
export function scriptedApi(): { routes: Record<string, Route>; calls: Call[] } {
  const routes: Record<string, Route> = {};
  const calls: Call[] = [];
  beforeEach(() => {
    for (const key of Object.keys(routes)) delete routes[key];
    calls.length = 0;
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      const key = `${init.method} ${url.replace('/api/v1', '')}`;
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
      const headers = (init.headers ?? {}) as Record<string, string>;
      calls.push({ key, body, headers });
      const route = routes[key] ?? Object.entries(routes).find(([k]) => k.endsWith('*') && key.startsWith(k.slice(0, -1)))?.[1];
      const answer = route ? await route(body, headers) : { status: 404, body: { code: 'record.not_found', message: 'not found', details: {} } };
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
    });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });
  return { routes, calls };
}
