import { defineErrors } from '../../platform/http/errors.ts';

export const AccessErrors = defineErrors({
  'auth.invalid_credentials': { status: 401, fa: 'ایمیل یا گذرواژه نادرست است.', en: 'The email or password is incorrect.' },
  'auth.weak_password': {
    status: 422,
    fa: 'گذرواژه باید دست‌کم ۱۲ نویسه باشد.',
    en: 'The password must be at least 12 characters long.',
  },
});
