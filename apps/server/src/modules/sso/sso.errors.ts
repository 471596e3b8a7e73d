import { defineErrors, defineTerms } from '../../platform/http/errors.ts';

export const SsoErrors = defineErrors({
  'sso.invalid_credentials': {
    status: 401,
    fa: 'نام کاربری یا گذرواژهٔ دایرکتوری نادرست است، یا این کاربر در دایرکتوری غیرفعال است.',
    en: 'The directory user name or password is incorrect, or the user is disabled in the directory.',
  },
  'sso.no_access': {
    status: 403,
    fa: 'هویت شما تأیید شد، ولی هیچ نقشی در پیشخوان به آن داده نشده است. از مدیر سامانه بخواهید.',
    en: 'Your identity was confirmed, but it is given no role in Pishkhan. Ask an administrator.',
  },
  'sso.directory_unavailable': {
    status: 503,
    fa: 'دایرکتوری در دسترس نیست یا حساب سرویس آن پذیرفته نشد. کمی بعد دوباره بکوشید.',
    en: 'The directory cannot be reached or refused its service account. Try again later.',
  },
  'sso.provider_unavailable': {
    status: 503,
    fa: 'ارائه‌دهندهٔ هویت در دسترس نیست یا پاسخ نامعتبر داد. کمی بعد دوباره بکوشید.',
    en: 'The identity provider cannot be reached or answered with something invalid. Try again later.',
  },
  'sso.flow_invalid': {
    status: 400,
    fa: 'این ورود نامعتبر است یا زمانش گذشته است (نشانهٔ بازگشت درست نیست). دوباره از صفحهٔ ورود آغاز کنید.',
    en: 'This sign-in is invalid or has expired (wrong state or nonce). Start again from the sign-in page.',
  },
  'sso.email_missing': {
    status: 422,
    fa: 'ارائه‌دهندهٔ هویت یا دایرکتوری نشانی ایمیلی برای این کاربر نفرستاد.',
    en: 'The identity provider or directory gave no email address for this user.',
  },
  'sso.email_taken': {
    status: 409,
    fa: 'این ایمیل از آنِ کاربر دیگری از همین منبع است.',
    en: 'This email belongs to another user of the same source.',
  },
  'sso.insecure_url': {
    status: 422,
    fa: 'نشانی باید رمزگذاری‌شده (امن) باشد؛ نشانی ناامن فقط برای همین رایانه پذیرفته است.',
    en: 'The URL must be secure (ldaps:// or https://); an insecure one is accepted only for this machine (localhost).',
  },
});

export const SsoEntities = defineTerms('entity', {
  sso_directory: { fa: 'دایرکتوری', en: 'Directory' },
  sso_oidc_provider: { fa: 'ارائه‌دهندهٔ هویت', en: 'Identity provider' },
});
