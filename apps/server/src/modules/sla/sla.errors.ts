import { defineErrors, defineTerms } from '../../platform/http/errors.ts';

export const SlaErrors = defineErrors({
  'sla_policy.default_required': {
    status: 422,
    fa: 'همیشه یک توافق‌نامهٔ پیش‌فرض هست؛ برای تغییرش توافق‌نامهٔ دیگری را پیش‌فرض کنید.',
    en: 'There is always one default policy; make another policy the default to change it.',
  },
});

export const SlaEntities = defineTerms('entity', {
  sla_policy: { fa: 'توافق‌نامهٔ سطح خدمت', en: 'SLA policy' },
  sla_rule: { fa: 'قاعدهٔ توافق‌نامه', en: 'SLA rule' },
});
