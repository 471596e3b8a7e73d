import { AdminJob, AdminJobsPage, AdminJobsQuery, ErrorEnvelope, IdParams } from '@pishkhan/contracts';
import type { App } from '../../platform/http/server.ts';
import type { AppContext } from '../../context.ts';
import { retryJob } from './commands/retry-job.ts';
import { listJobsForAdmin } from './admin-jobs.queries.ts';
import { presentJob } from './admin-jobs.presenter.ts';
import { requireUser } from '../../platform/policy/index.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };
const tags = ['admin'];

export function registerAdminJobRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/admin/jobs',
    {
      schema: {
        tags,
        summary: 'Jobs of the queue, newest first (?status=dead for those that need attention); admins only',
        querystring: AdminJobsQuery,
        response: { 200: AdminJobsPage, ...errors },
      },
    },
    async (request) => listJobsForAdmin(ctx.db, requireUser(request.actor), request.query),
  );

  app.post(
    '/api/v1/admin/jobs/:id/retry',
    {
      schema: {
        tags,
        summary: 'Send a dead job back to the queue with fresh attempts; admins only',
        params: IdParams,
        response: { 200: AdminJob, ...errors, 404: ErrorEnvelope, 409: ErrorEnvelope },
      },
    },
    async (request) => presentJob(await retryJob(ctx, { actor: request.actor, id: request.params.id })),
  );
}
