import { defineErrors } from '../../platform/http/errors.ts';

export const AdminJobsErrors = defineErrors({
  'job.not_dead': {
    status: 409,
    fa: 'فقط کار متوقف‌شده (dead) را می‌توان دوباره اجرا کرد؛ وضعیت این کار {status} است.',
    en: 'Only a dead job can be retried; this job is {status}.',
  },
});
