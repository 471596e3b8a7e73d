import { defineErrors, defineTerms } from '../../platform/http/errors.ts';

export const ContractErrors = defineErrors({
  'contract.period_invalid': {
    status: 422,
    fa: 'پایان دورهٔ قرارداد نمی‌تواند پیش از آغاز آن باشد.',
    en: "The contract's period cannot end before it starts.",
  },
  'contract.tiers_unordered': {
    status: 422,
    fa: 'پله‌های جریمه باید به ترتیب صعودی باشند و نرخ هیچ پله‌ای کمتر از پلهٔ پیشین نباشد (پلهٔ {index}).',
    en: 'Penalty tiers must ascend, and no tier may charge less than the one before it (tier {index}).',
  },
});

export const ContractEntities = defineTerms('entity', {
  contract: { fa: 'قرارداد', en: 'Contract' },
});
