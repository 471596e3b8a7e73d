import type { App } from '../../platform/http/server.ts';
import { defineJob, type AppContext } from '../../context.ts';
import type { Contribution } from '../../platform/modules.ts';
import { auditSettings } from './audit.settings.ts';
import { registerAuditRoutes } from './audit.routes.ts';
import { applyAuditRetention } from './commands/apply-audit-retention.ts';

export { recordAudit, type AuditAction } from './audit.ts';

const RETENTION_JOB = 'audit.apply_retention';

/** Registers the read-only audit route; contributes `audit.keep_days` and the daily retention job. */
export function registerAudit(app: App, ctx: AppContext): Contribution<AppContext> {
  registerAuditRoutes(app, ctx);
  return {
    module: 'audit',
    settings: [auditSettings],
    jobs: [
      defineJob(RETENTION_JOB, {
        async handler({ trx, actor, jobId }) {
          const { more } = await applyAuditRetention({ ...ctx, db: trx }, { actor });
          if (more) await ctx.jobs.enqueue(trx, RETENTION_JOB, {}, { uniqueKey: `${RETENTION_JOB}:after:${jobId}` });
        },
      }),
    ],
    schedules: [{ name: RETENTION_JOB, job: RETENTION_JOB, everyMs: 24 * 3600_000 }],
  };
}
