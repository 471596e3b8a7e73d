import { defineErrors } from '../../../platform/http/errors.ts';

export const InboundErrors = defineErrors({
  'email.not_held': { status: 409, fa: 'این نامه در انتظار بررسی نیست؛ پیش‌تر درباره‌ی آن تصمیم گرفته شده است.', en: 'This mail is not waiting for review; it was already decided.' },
  'email.raw_missing': { status: 409, fa: 'متن خام این نامه در فضای ذخیره‌سازی پیدا نشد.', en: 'The raw message of this mail is missing from storage.' },
});
