import { defineErrors } from '../../../platform/http/errors.ts';

export const OutboundErrors = defineErrors({
  'email.not_retryable': { status: 409, fa: 'این نامه ارسال شده یا در صف ارسال است؛ تلاش دوباره لازم نیست.', en: 'This mail was sent or is waiting to be sent; there is nothing to retry.' },
  'email.reply_not_from_desk': { status: 403, fa: 'فقط کارشناسان پاسخ را با نامه می‌فرستند.', en: 'Only the desk sends replies by mail.' },
});

/** Why mail did not leave, for the admin, in both languages. */
export const REASON_TEXT: Readonly<Record<string, { fa: string; en: string }>> = {
  no_relay: { fa: 'هیچ رله‌ی ارسال نامه تنظیم نشده است؛ پاسخ‌ها به‌صورت مقاله ذخیره می‌شوند و نامه‌ای ارسال نمی‌شود.', en: 'No outgoing mail relay is configured: replies are kept as articles and no mail leaves.' },
  relay_refused: { fa: 'رله‌ی نامه پیام را نپذیرفت.', en: 'The mail relay refused the message.' },
  relay_unreachable: { fa: 'پس از چند تلاش، رله‌ی نامه در دسترس نبود.', en: 'The mail relay could not be reached after several attempts.' },
  no_recipients: { fa: 'گیرنده‌ای برای این نامه نمانده است.', en: 'The mail has nobody left to go to.' },
};
