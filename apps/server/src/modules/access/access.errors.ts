import { defineErrors } from '../../platform/http/errors.ts';

export const AccessErrors = defineErrors({
  'auth.invalid_credentials': { status: 401, fa: 'ایمیل یا گذرواژه نادرست است.', en: 'The email or password is incorrect.' },
  'auth.weak_password': {
    status: 422,
    fa: 'این گذرواژه پذیرفته نیست: دست‌کم ۱۲ نویسه، نه از گذرواژه‌های رایج، و نه همان گذرواژهٔ پیشین.',
    en: 'This password is not accepted: at least 12 characters, not a common password, and not the one it replaces.',
  },
  'auth.sign_up_disabled': {
    status: 403,
    fa: 'ثبت‌نام در درگاه مشتریان بسته است؛ از پشتیبانی دعوت‌نامه بخواهید.',
    en: 'Portal sign-up is turned off; ask the service desk for an invitation.',
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
  'auth.second_factor_invalid': {
    status: 401,
    fa: 'کد تأیید دومرحله‌ای یا کد بازیابی نادرست است، یا پیش‌تر به کار رفته است.',
    en: 'The two-step verification code or recovery code is incorrect or has already been used.',
  },
  'auth.second_factor_expired': {
    status: 401,
    fa: 'مهلت مرحلهٔ دوم ورود گذشته است؛ دوباره با ایمیل و گذرواژه وارد شوید.',
    en: 'The second sign-in step has expired; sign in again with your email and password.',
  },
  'auth.totp_code_invalid': {
    status: 422,
    fa: 'کد برنامهٔ احراز هویت یا کد بازیابی نادرست است، یا پیش‌تر به کار رفته است.',
    en: 'The authenticator code or recovery code is incorrect or has already been used.',
  },
  'auth.totp_already_enabled': { status: 409, fa: 'ورود دومرحله‌ای پیش‌تر فعال شده است.', en: 'Two-step verification is already enabled.' },
  'auth.totp_not_pending': { status: 409, fa: 'ثبت ورود دومرحله‌ای آغاز نشده است؛ نخست آن را آغاز کنید.', en: 'Two-step verification enrolment has not been started; start it first.' },
  'auth.totp_not_enabled': { status: 409, fa: 'ورود دومرحله‌ای برای این حساب فعال نیست.', en: 'Two-step verification is not enabled for this account.' },
  'auth.session_required': {
    status: 403,
    fa: 'این کار فقط پس از ورود با گذرواژه شدنی است، نه با توکن دسترسی.',
    en: 'This can be done only when signed in with a password, not with an API token.',
  },
});
