import { defineErrors } from '../../platform/http/errors.ts';

export const AccessErrors = defineErrors({
  'auth.invalid_credentials': { status: 401, fa: 'ایمیل یا گذرواژه نادرست است.', en: 'The email or password is incorrect.' },
  'auth.weak_password': {
    status: 422,
    fa: 'این گذرواژه پذیرفته نیست: دست‌کم ۱۲ نویسه، نه از گذرواژه‌های رایج، و نه همان گذرواژهٔ پیشین.',
    en: 'This password is not accepted: at least 12 characters, not a common password, and not the one it replaces.',
  },
  'auth.wrong_current_password': { status: 422, fa: 'گذرواژهٔ کنونی نادرست است.', en: 'The current password is incorrect.' },
  'auth.link_invalid': {
    status: 400,
    fa: 'این پیوند نامعتبر است، زمانش گذشته یا پیش‌تر به کار رفته است.',
    en: 'This link is invalid, has expired or has already been used.',
  },
  'auth.invalid_token': { status: 401, fa: 'توکن دسترسی نامعتبر، منقضی یا باطل است.', en: 'The API token is invalid, expired or revoked.' },
  'auth.token_scope': { status: 403, fa: 'دامنهٔ این توکن اجازهٔ این کار را نمی‌دهد.', en: 'This token’s scopes do not allow this request.' },
  'auth.token_needs_session': { status: 403, fa: 'توکن‌ها را فقط پس از ورود با گذرواژه می‌توان ساخت.', en: 'Tokens can be created only when signed in with a password.' },
  'auth.account_locked': {
    status: 429,
    fa: 'پس از چند تلاش ناموفق، ورود به این حساب برای مدتی بسته شده است. کمی بعد دوباره بکوشید.',
    en: 'After several failed attempts, signing in to this account is paused for a while. Try again later.',
  },
  'auth.sso_required': {
    status: 403,
    fa: 'کارشناسان باید با ورود یکپارچه (سرویس دایرکتوری یا ارائه‌دهندهٔ هویت سازمان) وارد شوند، نه با گذرواژه.',
    en: 'Agents must sign in with single sign-on (the organisation’s directory or identity provider), not a password.',
  },
  'auth.too_many_attempts': { status: 429, fa: 'تلاش‌ها بسیار زیاد است؛ چند لحظه بعد دوباره بکوشید.', en: 'Too many attempts; wait a moment and try again.' },
});
