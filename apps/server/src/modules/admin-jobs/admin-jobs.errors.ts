import { defineErrors, defineTerms } from '../../platform/http/errors.ts';

export const AdminJobsErrors = defineErrors({
  'job.not_dead': {
    status: 409,
    fa: 'فقط کار ازکارافتاده را می‌توان دوباره اجرا کرد؛ این کار «{status:job_status}» است.',
    en: 'Only a dead job can be retried; this job is {status:job_status}.',
  },
});

export const JobEntities = defineTerms('entity', { job: { fa: 'کار', en: 'Job' } });

/** The states of a job (platform/jobs JobStatus). */
export const JobStatusNames = defineTerms('job_status', {
  ready: { fa: 'آماده', en: 'ready' },
  running: { fa: 'در حال اجرا', en: 'running' },
  done: { fa: 'انجام‌شده', en: 'done' },
  dead: { fa: 'ازکارافتاده', en: 'dead' },
});
