import { defineErrors } from '../../platform/http/errors.ts';

export const PreferencesErrors = defineErrors({
  'preferences.unknown_time_zone': {
    status: 400,
    fa: 'منطقهٔ زمانی {timeZone} شناخته نیست.',
    en: 'The time zone {timeZone} is not known.',
  },
  'saved_view.too_many': {
    status: 422,
    fa: 'بیش از {max} نمای ذخیره‌شده ممکن نیست.',
    en: 'At most {max} saved views are allowed.',
  },
});
