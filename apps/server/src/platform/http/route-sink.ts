import type { App } from './server.ts';

/**
 * An `App` that takes the modules' route registrations and keeps none: for the CLI commands that
 * need the modules' contributions (settings, jobs, seed modes) but serve nothing (`user create`,
 * `seed`, `reindex`), so they build no HTTP layer (no Fastify, plugins or OpenAPI).
 */
export function routeSink(): App {
  const ignore = () => sink;
  const sink = { get: ignore, post: ignore, put: ignore, patch: ignore, delete: ignore, route: ignore, addHook: ignore, register: () => Promise.resolve() };
  return sink as unknown as App;
}
