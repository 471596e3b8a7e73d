import multipart from '@fastify/multipart';
import type { App } from './server.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Largest uploaded file the multipart parser lets through (HttpOptions.uploadLimit). */
    uploadLimit: number;
  }
}

/**
 * Registers the routes that take multipart uploads in a scope of their own: @fastify/multipart adds
 * two async hooks (onRequest, onResponse) to every route of the scope it is registered in, and
 * only these routes need them. Elsewhere a multipart body is a 415 like any other unread type.
 */
export function registerUploadRoutes(app: App, register: (scope: App) => void): void {
  void app.register(async (plugin) => {
    const scope = plugin as unknown as App;
    await scope.register(multipart, { limits: { fileSize: scope.uploadLimit, files: 10 } });
    register(scope);
  });
}
