import { makeDeadJob } from '../../factories.ts';
import { fixed, type Builder } from './builder.ts';

// The platform's own routes: health, the live stream, metrics, the API docs, the web app's pages and Admin → Jobs.

export const platformRequests: Record<string, Builder> = {
  'GET /api/health': fixed('/api/health'),
  'GET /api/v1/live': fixed('/api/v1/live?once=true'),
  'GET /api/docs': fixed('/api/docs'),
  'GET /api/docs/json': fixed('/api/docs/json'),
  'GET /api/docs/yaml': fixed('/api/docs/yaml'),
  'GET /api/docs/static/index.html': fixed('/api/docs/static/index.html'),
  'GET /api/docs/static/swagger-initializer.js': fixed('/api/docs/static/swagger-initializer.js'),
  'GET /metrics': fixed('/metrics'),
  // the web app (a missing asset is 404 whether or not the app is built; pages answer 200 either way)
  'GET /assets/:name': fixed('/assets/no-such-file.js'),
  'GET /': fixed('/'),
  'GET /portal': fixed('/portal'),
  // admin: jobs
  'GET /api/v1/admin/jobs': fixed('/api/v1/admin/jobs?status=dead'),
  'POST /api/v1/admin/jobs/:id/retry': async (w) => ({ url: `/api/v1/admin/jobs/${await makeDeadJob(w.t)}/retry` }),
  'GET /api/docs/static/*': fixed('/api/docs/static/swagger-ui.css'),
};
