import { defineErrors } from '../http/errors.ts';

/** Refusals of `pishkhan secret rotate` (the CLI prints them on one line and exits 2). */
export const RotationErrors = defineErrors({
  'secret.previous_required': {
    status: 400,
    fa: 'برای چرخش رمز پایه، رمز تازه را در {current} و رمز پیشین را در {previous} بگذارید و سرور را با هر دو دوباره راه بیندازید.',
    en: 'To rotate the secret, put the new one in {current} and the old one in {previous}, and restart the server with both.',
  },
  'secret.same_secret': {
    status: 400,
    fa: 'رمز تازه و رمز پیشین یکی‌اند؛ رمز تازه‌ای بسازید.',
    en: 'The new secret and the previous one are the same: make a new secret.',
  },
});
