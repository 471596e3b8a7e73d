import { defineErrors } from '../../platform/http/errors.ts';

export const CategoryErrors = defineErrors({
  'category.cycle': {
    status: 409,
    fa: 'یک دسته نمی‌تواند زیرمجموعهٔ خودش یا زیرشاخه‌های خودش باشد.',
    en: 'A category cannot be placed under itself or one of its descendants.',
  },
});
